"""Gradient clipping by norm: fires only above the threshold, keeps the direction."""
import numpy as np
import pytest

from engine.clipping import ClipNorm, clip_by_norm, global_norm
from engine.data import digits
from engine.layers import Dense, ReLU
from engine.losses import SoftmaxCrossEntropy
from engine.network import Sequential
from engine.optimizers import SGD
from engine.stepping import train_step_events
from engine.training import train_step


def test_clip_by_norm_caps_the_length_and_keeps_the_direction():
    g = [np.array([3.0]), np.array([4.0])]
    assert global_norm(g) == 5.0
    norm, scale = clip_by_norm(g, 1.0)
    assert (norm, scale) == (5.0, 0.2) and np.allclose(np.concatenate(g), [0.6, 0.8])
    g = [np.array([3.0, 4.0])]
    assert clip_by_norm(g, 10.0) == (5.0, 1.0) and np.allclose(g[0], [3, 4])      # below: unchanged
    with pytest.raises(ValueError, match="positive"):
        clip_by_norm(g, 0.0)


def net():
    return Sequential([Dense(64, 16, rng=0), ReLU(), Dense(16, 10, rng=1)])


def test_clipnorm_step_is_sgd_with_a_capped_gradient():
    d = digits()
    X, T = d.X[:32], np.eye(10)[d.y[:32]]         # raw pixels 0..16: a big first gradient
    a, b = net(), net()
    plain, clipped = SGD(0.1), ClipNorm(SGD(0.1), max_norm=1.0)
    train_step(a, X, T, SoftmaxCrossEntropy(), plain)
    before = b.state()
    train_step(b, X, T, SoftmaxCrossEntropy(), clipped)
    assert clipped.fired == 1 and clipped.norms[0] > 1.0
    moved = np.sqrt(sum(np.sum((p - before[f"{i}.{k}"]) ** 2) for i, k, p in b.parameters()))
    assert moved == pytest.approx(0.1 * 1.0)                  # η · c
    assert clipped.lr == 0.1 and "ClipNorm" in repr(clipped)


def test_traced_steps_clip_too():
    d = digits()
    X, T = d.X[:8], np.eye(10)[d.y[:8]]
    a, b = net(), net()
    train_step(a, X, T, SoftmaxCrossEntropy(), ClipNorm(SGD(0.1), 1.0))
    list(train_step_events(b, X, T, SoftmaxCrossEntropy(), ClipNorm(SGD(0.1), 1.0)))
    assert all(np.allclose(p, q) for (_, _, p), (_, _, q) in zip(a.parameters(), b.parameters()))
