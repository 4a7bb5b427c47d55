"""Scaled dot-product attention against the formula written out by hand."""
import math

import numpy as np
import pytest

from engine.attention import attention_scores, causal_mask, scaled_dot_product_attention

X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])


def by_hand(q, keys, values):
    scores = [sum(a * b for a, b in zip(q, k)) / math.sqrt(len(q)) for k in keys]
    exps = [math.exp(s) for s in scores]
    weights = [e / sum(exps) for e in exps]
    return [sum(w * v[c] for w, v in zip(weights, values)) for c in range(len(values[0]))], weights


def test_three_tokens_attending_to_each_other():
    out, A = scaled_dot_product_attention(X, X, X)
    for i in range(3):
        want_out, want_w = by_hand(X[i], X, X)
        assert A[i] == pytest.approx(want_w) and out[i] == pytest.approx(want_out)
    assert A.sum(axis=1) == pytest.approx(np.ones(3))
    assert A[2] == pytest.approx([0.248255, 0.248255, 0.503490], abs=1e-6)


def test_scores_are_scaled_by_the_root_of_the_key_length():
    q, k = np.ones((1, 16)), np.ones((1, 16))
    assert attention_scores(q, k)[0, 0] == pytest.approx(16 / 4)


def test_queries_keys_and_values_of_different_sizes():
    rng = np.random.default_rng(0)
    Q, K, V = rng.normal(size=(2, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 3))
    out, A = scaled_dot_product_attention(Q, K, V)
    assert out.shape == (2, 3) and A.shape == (2, 5)
    for i in range(2):
        assert out[i] == pytest.approx(by_hand(Q[i], K, V)[0])


def test_causal_mask_gives_the_future_weight_zero():
    _, A = scaled_dot_product_attention(X, X, X, causal_mask(3))
    assert A[0].tolist() == [1.0, 0.0, 0.0]
    assert A[1, 2] == 0.0 and A[1, :2] == pytest.approx(by_hand(X[1], X[:2], X[:2])[1])
    assert A[2] == pytest.approx(by_hand(X[2], X, X)[1])


def test_bad_shapes_and_masks_are_refused():
    with pytest.raises(ValueError, match="same length"):
        attention_scores(np.ones((1, 2)), np.ones((1, 3)))
    with pytest.raises(ValueError, match="keys but"):
        scaled_dot_product_attention(X, X, X[:2])
    with pytest.raises(ValueError, match="at least"):
        scaled_dot_product_attention(X, X, X, np.zeros((3, 3), dtype=bool))


def test_huge_scores_do_not_overflow():
    out, A = scaled_dot_product_attention(np.array([[1e6, 0.0]]), X, X)
    assert np.isfinite(out).all() and A.sum() == pytest.approx(1.0)
