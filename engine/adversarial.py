"""Attacks on a trained classifier and one defence (lesson "Robustness and interpretability").

For a Sequential network ending in logits (softmax + cross-entropy loss):

    FGSM          x' = clip(x + ε · sign(∇ₓE), 0, 1)   every pixel moves by ε, uphill on the loss
    one pixel     try every pixel at every allowed value; keep those that change the prediction
    smoothing     g(x) = argmax_c P(f(x + δ) = c), δ ~ N(0, σ²I), estimated by counting n noisy copies;
                  certified radius (Cohen et al., 2019) R = σ · Φ⁻¹(p_A) for a top-class probability p_A > ½:
                  no change of x with ‖δ‖₂ < R changes g(x).
"""
from __future__ import annotations

from statistics import NormalDist

import numpy as np

from engine.activations import softmax
from engine.losses import SoftmaxCrossEntropy, one_hot


def probabilities(net, x) -> np.ndarray:
    """softmax of the network's logits, one row per input."""
    x = np.asarray(x, dtype=float)
    return softmax(net.predict(x.reshape(-1, x.shape[-1]) if x.ndim > 1 else x.reshape(1, -1)))


def input_gradient(net, x, label: int) -> np.ndarray:
    """∇ₓE for one input: backpropagation carried one step further, to the input."""
    x = np.asarray(x, dtype=float).reshape(1, -1)
    z = net.forward(x)
    classes = z.shape[-1]
    _, delta = SoftmaxCrossEntropy().value_and_grad(z, one_hot([int(label)], classes))
    return net.backward(delta).reshape(-1)


def fgsm(net, x, label: int, eps: float, low: float = 0.0, high: float = 1.0) -> np.ndarray:
    """One fast-gradient-sign step of size ε, clipped to the pixel range."""
    x = np.asarray(x, dtype=float).reshape(-1)
    return np.clip(x + eps * np.sign(input_gradient(net, x, label)), low, high)


def one_pixel_attacks(net, x, values=(0.0, 1.0)) -> list[tuple[int, float, int]]:
    """Every (pixel, new value, new class) for which setting one pixel changes the predicted class.

    A brute-force search (the one-pixel attack of Su et al. uses differential evolution
    because real images have too many pixels to try them all)."""
    x = np.asarray(x, dtype=float).reshape(-1)
    before = int(np.argmax(probabilities(net, x)[0]))
    trials = []
    for i in range(x.size):
        for v in values:
            if x[i] != v:
                y = x.copy()
                y[i] = v
                trials.append((i, float(v), y))
    if not trials:
        return []
    predicted = np.argmax(probabilities(net, np.array([y for _, _, y in trials])), axis=1)
    return [(i, v, int(c)) for (i, v, _), c in zip(trials, predicted) if int(c) != before]


def smoothed_counts(net, x, sigma: float, n: int, seed: int = 0) -> np.ndarray:
    """How often each class wins on n copies of x with Gaussian noise N(0, σ²) added to every pixel."""
    x = np.asarray(x, dtype=float).reshape(-1)
    noise = np.random.default_rng(seed).normal(0.0, sigma, size=(int(n), x.size))
    winners = np.argmax(probabilities(net, x + noise), axis=1)
    classes = net.forward(x.reshape(1, -1)).shape[-1]
    return np.bincount(winners, minlength=classes)


def certified_radius(sigma: float, p_top: float) -> float:
    """R = σ Φ⁻¹(p_A): the L2 radius within which the smoothed classifier cannot change its answer
    (0 when the top class does not have more than half the probability)."""
    if not 0.0 < p_top < 1.0:
        raise ValueError(f"p_A must lie strictly between 0 and 1, not {p_top}")
    return max(0.0, sigma * NormalDist().inv_cdf(p_top))
