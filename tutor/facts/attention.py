"""Checked numbers of lesson attention (engine.attention).

Three tokens with 2-number embeddings x₁ = (1, 0), x₂ = (0, 1), x₃ = (1, 1),
attending to each other with Q = K = V = X; the √d scaling measured on
random vectors of length 64.
"""
from functools import lru_cache

import numpy as np

X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])


@lru_cache(maxsize=None)
def _attend(causal=False):
    from engine.attention import attention_scores, causal_mask, scaled_dot_product_attention

    out, weights = scaled_dot_product_attention(X, X, X, causal_mask(3) if causal else None)
    return attention_scores(X, X), weights, out


@lru_cache(maxsize=None)
def _spread(d=64, pairs=10_000):
    """Standard deviation of q·k and of q·k/√d for random q, k with entries of variance 1."""
    from engine.attention import attention_scores

    rng = np.random.default_rng(0)
    q, k = rng.standard_normal((pairs, d)), rng.standard_normal((pairs, d))
    raw = np.einsum("ij,ij->i", q, k)
    scaled = np.array([attention_scores(q[i:i + 1], k[i:i + 1])[0, 0] for i in range(1000)])
    return float(raw.std()), float(scaled.std())


def _softmax_top(scores):
    from engine.activations import softmax

    return float(softmax(np.asarray(scores, dtype=float))[0])


FACTS = {
    "att.s31": lambda: float(_attend()[0][2, 0]),
    "att.s33": lambda: float(_attend()[0][2, 2]),
    "att.s11": lambda: float(_attend()[0][0, 0]),
    "att.s12": lambda: float(_attend()[0][0, 1]),
    "att.w31": lambda: float(_attend()[1][2, 0]),
    "att.w33": lambda: float(_attend()[1][2, 2]),
    "att.w11": lambda: float(_attend()[1][0, 0]),
    "att.w12": lambda: float(_attend()[1][0, 1]),
    "att.o3": lambda: float(_attend()[2][2, 0]),
    "att.o1a": lambda: float(_attend()[2][0, 0]),
    "att.o1b": lambda: float(_attend()[2][0, 1]),
    "att.c21": lambda: float(_attend(True)[1][1, 0]),
    "att.c22": lambda: float(_attend(True)[1][1, 1]),
    "att.c23": lambda: float(_attend(True)[1][1, 2]),
    "att.raw_std": lambda: _spread()[0],
    "att.scaled_std": lambda: _spread()[1],
    # softmax of scores (8, 0, 0) against (1, 0, 0): what the scaling saves
    "att.top_raw": lambda: _softmax_top([8.0, 0.0, 0.0]),
    "att.top_scaled": lambda: _softmax_top([1.0, 0.0, 0.0]),
    # the quiz: q = (1, 1) against keys (2, 0), (0, 0), (1, 1), d = 2
    "att.q_w1": lambda: float(__import__("engine.attention", fromlist=["x"]).scaled_dot_product_attention(
        [[1.0, 1.0]], [[2.0, 0.0], [0.0, 0.0], [1.0, 1.0]], np.eye(3))[1][0, 0]),
    "att.q_e": lambda: float(np.exp(2 / np.sqrt(2))),
    "att.q_pairs": lambda: 1000 * 1000,
}
