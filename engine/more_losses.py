"""More losses (lesson "More about losses"): likelihood, margins, imbalance.

The conventions of engine/losses.py hold: rows are examples, and every
loss is a *mean over the batch* of a *sum over the outputs* (never a mean
over the classes too).  Logarithms are natural.

Comparing two probability distributions p (the target) and q (the model),
over the last axis:
    entropy(p)            H(p)    = −Σ p ln p
    cross_entropy(p, q)   H(p, q) = −Σ p ln q   = H(p) + KL(p‖q)
    kl_divergence(p, q)   KL(p‖q) =  Σ p ln(p/q) ≥ 0, zero only when q = p   (0 · ln 0 counts as 0)
With a one-hot target H(t) = 0, so cross-entropy and KL divergence are the same number.

Losses with a value and a gradient (the network outputs raw scores z):
    Hinge                        E = 1/n Σ max(0, 1 − s z),  s = ±1 (0/1 targets are read as −1/+1)
    MulticlassHinge              E = 1/n Σ_i Σ_{j ≠ y_i} max(0, z_j − z_{y_i} + 1)
    WeightedSoftmaxCrossEntropy  E = 1/n Σ_i w_{y_i} · (−ln ŷ_{i, y_i}),  ŷ = softmax(z)
    FocalLoss                    E = 1/n Σ_i −α_{y_i} (1 − p_i)^γ ln p_i,  p_i = ŷ_{i, y_i}
    SmoothedSoftmaxCrossEntropy  softmax + cross-entropy against t′ = smooth_labels(t, ε)
"""
from __future__ import annotations

import numpy as np

from engine.activations import softmax
from engine.losses import Loss, SoftmaxCrossEntropy, _as_targets, _rows, log_softmax


# --- distributions ---------------------------------------------------------------
def _plogq(p, q) -> np.ndarray:
    """p ln q element by element, with 0 · ln q = 0 (even for q = 0)."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    out = np.zeros(np.broadcast(p, q).shape)
    where = np.broadcast_to(p > 0, out.shape)
    np.log(np.maximum(np.broadcast_to(q, out.shape), 1e-300), out=out, where=where)
    return np.broadcast_to(p, out.shape) * out


def entropy(p):
    """H(p) = −Σ p ln p over the last axis."""
    return -np.sum(_plogq(p, p), axis=-1)


def cross_entropy(p, q):
    """H(p, q) = −Σ p ln q over the last axis."""
    return -np.sum(_plogq(p, q), axis=-1)


def kl_divergence(p, q):
    """KL(p‖q) = Σ p ln(p/q) = H(p, q) − H(p) over the last axis."""
    return cross_entropy(p, q) - entropy(p)


def smooth_labels(t, eps: float, k: int | None = None) -> np.ndarray:
    """t′ = (1 − ε) t + ε/K: one-hot rows (or labels, given k) with some belief spread evenly."""
    if not 0.0 <= eps < 1.0:
        raise ValueError(f"label smoothing ε must be in [0, 1), got {eps}")
    t = np.asarray(t, dtype=float)
    if t.ndim == 1:
        if k is None:
            raise ValueError("labels need the number of classes k")
        t = np.eye(k)[t.astype(int)]
    return (1.0 - eps) * t + eps / t.shape[-1]


# --- margins -----------------------------------------------------------------
def _signs(t) -> np.ndarray:
    t = np.asarray(t, dtype=float)
    if np.all((t == 0) | (t == 1)):
        return 2.0 * t - 1.0
    if np.all(np.abs(t) == 1):
        return t
    raise ValueError("hinge targets must be 0/1 or −1/+1")


class Hinge(Loss):
    """E = 1/n Σ max(0, 1 − s z); ∂E/∂z = −s/n inside the margin (s z < 1), 0 beyond it.
    (At the kink s z = 1 we take the gradient 0.)"""

    name = "hinge"
    latex = r"E = \frac{1}{n}\sum \max(0,\ 1 - s\,z)"
    grad_latex = r"\frac{\partial E}{\partial z} = -\frac{s}{n}\ \text{where } s z < 1"

    def value(self, z, t):
        z = np.asarray(z, dtype=float)
        s = _signs(_as_targets(z, t))
        return float(np.sum(np.maximum(0.0, 1.0 - s * z)) / _rows(z))

    def grad(self, z, t):
        z = np.asarray(z, dtype=float)
        s = _signs(_as_targets(z, t))
        return np.where(s * z < 1.0, -s, 0.0) / _rows(z)

    def output(self, z):
        return (np.asarray(z) > 0).astype(float)       # the decision: class 1 where z > 0


class MulticlassHinge(Loss):
    """The multi-class SVM loss: every wrong class j must score at least 1 below the right one."""

    name = "multiclass_hinge"
    latex = r"E = \frac{1}{n}\sum_i \sum_{j \ne y_i} \max(0,\ z_j - z_{y_i} + 1)"

    def _margins(self, z, t):
        z = np.asarray(z, dtype=float)
        T = _as_targets(z, t)
        right = np.sum(z * T, axis=-1, keepdims=True)
        return np.where(T > 0, 0.0, np.maximum(0.0, z - right + 1.0)), T

    def value(self, z, t):
        margins, _ = self._margins(z, t)
        return float(margins.sum() / _rows(np.asarray(z)))

    def grad(self, z, t):
        margins, T = self._margins(z, t)
        active = (margins > 0).astype(float)
        return (active - T * active.sum(axis=-1, keepdims=True)) / _rows(np.asarray(z))


# --- imbalance, hard examples, overconfidence ---------------------------------------
def _labels_weights(T, weights) -> np.ndarray:
    """The weight of each row's true class: w_{y_i} (one-hot rows)."""
    weights = np.asarray(weights, dtype=float).ravel()
    if weights.shape != (T.shape[-1],):
        raise ValueError(f"give one weight per class: {T.shape[-1]} classes, {weights.size} weights")
    return T @ weights


def balanced_weights(labels, k: int) -> np.ndarray:
    """w_c = n / (K · n_c): every class then carries the same total weight n/K."""
    counts = np.bincount(np.asarray(labels, dtype=int).ravel(), minlength=k).astype(float)
    if np.any(counts == 0):
        raise ValueError("every class needs at least one example")
    return counts.sum() / (k * counts)


class WeightedSoftmaxCrossEntropy(Loss):
    """Softmax + cross-entropy with a weight per class: ∂E/∂z = w_{y_i} (ŷ − t) / n.
    (The mean divides by n, as Keras' class_weight does; PyTorch's weighted mean divides by Σ w_{y_i}.)"""

    name = "weighted_softmax_ce"
    latex = r"E = -\frac{1}{n}\sum_i w_{y_i} \ln \hat y_{i, y_i}"

    def __init__(self, weights) -> None:
        self.weights = np.asarray(weights, dtype=float).ravel()
        if np.any(self.weights < 0):
            raise ValueError("class weights must not be negative")

    def value(self, z, t):
        z = np.asarray(z, dtype=float)
        T = _as_targets(z, t)
        w = _labels_weights(T, self.weights)
        return float(-np.sum(w * np.sum(T * log_softmax(z), axis=-1)) / _rows(z))

    def grad(self, z, t):
        z = np.asarray(z, dtype=float)
        T = _as_targets(z, t)
        return _labels_weights(T, self.weights)[:, None] * (softmax(z) - T) / _rows(z)

    def output(self, z):
        return softmax(z)


class FocalLoss(Loss):
    """−α (1 − p)^γ ln p for the true class's probability p: γ = 0 is cross-entropy;
    γ > 0 turns down the loss of examples the network already gets right (p near 1).

    ∂E/∂z = α [(1 − p)^γ − γ p ln p (1 − p)^(γ−1)] (ŷ − t) / n.
    """

    name = "focal"
    latex = r"E = -\frac{1}{n}\sum_i \alpha_{y_i} (1 - p_i)^{\gamma} \ln p_i"

    def __init__(self, gamma: float = 2.0, alpha=None) -> None:
        if gamma < 0:
            raise ValueError(f"focal γ must be >= 0, got {gamma}")
        self.gamma = float(gamma)
        self.alpha = None if alpha is None else np.asarray(alpha, dtype=float).ravel()

    def _parts(self, z, t):
        z = np.asarray(z, dtype=float)
        T = _as_targets(z, t)
        if not np.all(np.isclose(T.sum(axis=-1), 1.0)) or not np.all((T == 0) | (T == 1)):
            raise ValueError("focal loss needs one true class per example (labels or one-hot rows)")
        y = softmax(z)
        ln_p = np.sum(T * log_softmax(z), axis=-1)
        q = np.sum((1.0 - T) * y, axis=-1)          # 1 − p, summed from the others: exact when p ≈ 1
        alpha = np.ones(len(q)) if self.alpha is None else _labels_weights(T, self.alpha)
        return z, T, y, ln_p, q, alpha

    def value(self, z, t):
        z, _, _, ln_p, q, alpha = self._parts(z, t)
        return float(-np.sum(alpha * q ** self.gamma * ln_p) / _rows(z))

    def grad(self, z, t):
        z, T, y, ln_p, q, alpha = self._parts(z, t)
        p = np.exp(ln_p)
        q_safe = np.maximum(q, np.finfo(float).tiny)
        factor = alpha * q_safe ** (self.gamma - 1.0) * (q - self.gamma * p * ln_p)
        return factor[:, None] * (y - T) / _rows(z)

    def output(self, z):
        return softmax(z)


class SmoothedSoftmaxCrossEntropy(Loss):
    """Softmax + cross-entropy against smoothed targets t′ = (1 − ε) t + ε/K; ∂E/∂z = (ŷ − t′)/n."""

    name = "smoothed_softmax_ce"
    latex = r"E = -\frac{1}{n}\sum \sum_k t'_k \ln \hat y_k,\quad t' = (1 - \epsilon) t + \epsilon / K"

    def __init__(self, eps: float = 0.1) -> None:
        smooth_labels(np.eye(2), eps)                # checks ε
        self.eps = float(eps)
        self._plain = SoftmaxCrossEntropy()

    def _targets(self, z, t):
        z = np.asarray(z, dtype=float)
        return z, smooth_labels(_as_targets(z, t), self.eps)

    def value(self, z, t):
        return self._plain.value(*self._targets(z, t))

    def grad(self, z, t):
        return self._plain.grad(*self._targets(z, t))

    def output(self, z):
        return softmax(z)
