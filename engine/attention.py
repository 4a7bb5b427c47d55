"""Scaled dot-product attention (lesson "Attention").

Each of n queries looks at m keys and takes a weighted average of their values:

    scores  S = Q Kᵀ / √d              (n, m): how well query i matches key j; d = the key length
    weights A = softmax(S) row by row  each row sums to 1
    output  O = A V                    (n, d_v): query i's mix of the values

Dividing by √d keeps the scores' spread about 1 whatever d is (a dot product
of d numbers of variance 1 has variance d), so softmax does not saturate.
A mask (True = may look) gives forbidden pairs weight exactly 0 (as a score of −∞ would):
`causal_mask(n)` lets token i look only at tokens 0..i, as a decoder does.
"""
from __future__ import annotations

import numpy as np

from engine.activations import softmax


def causal_mask(n: int) -> np.ndarray:
    """(n, n) booleans: position i may look at positions j ≤ i."""
    return np.tril(np.ones((int(n), int(n)), dtype=bool))


def attention_scores(Q, K) -> np.ndarray:
    """S = Q Kᵀ / √d."""
    Q, K = np.atleast_2d(np.asarray(Q, dtype=float)), np.atleast_2d(np.asarray(K, dtype=float))
    if Q.shape[-1] != K.shape[-1]:
        raise ValueError(f"queries and keys need the same length: {Q.shape[-1]} and {K.shape[-1]}")
    return Q @ K.T / np.sqrt(K.shape[-1])


def scaled_dot_product_attention(Q, K, V, mask=None) -> tuple[np.ndarray, np.ndarray]:
    """(output A V, weights A) with A = softmax(Q Kᵀ/√d) over each row (masked pairs get weight 0)."""
    V = np.atleast_2d(np.asarray(V, dtype=float))
    S = attention_scores(Q, K)
    if V.shape[0] != S.shape[1]:
        raise ValueError(f"{S.shape[1]} keys but {V.shape[0]} values")
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if not mask.any(axis=-1).all():
            raise ValueError("every query must be allowed to look at one key at least")
        S = np.where(mask, S, S.min() - 1.0)            # any finite value: its weight is set to 0 below
        A = np.where(mask, softmax(S), 0.0)
        A = A / A.sum(axis=-1, keepdims=True)
    else:
        A = softmax(S)
    return A @ V, A
