"""Loss functions: the error E of a batch and its gradient ∂E/∂y.

Shapes: predictions `y` and targets `t` are (n, k) — one row per example.
For the cross-entropies `t` may also be a vector of n class labels.

THE ½ CONVENTION (used everywhere in dltutor, lessons included):

    MSE   E = 1/n · Σ_rows ½ Σ_k (y − t)²        ∂E/∂y = (y − t) / n

The ½ cancels the 2 from differentiating the square, so for one example the
gradient is simply y − t (as in the classic backpropagation example,
E = ½ Σ (target − out)²).  Every loss here is a *mean over the batch* of a
*sum over the outputs*, so a batch of one gives the textbook formula.

log(0) never happens: probabilities are clipped to [EPS, 1 − EPS] before the
log, and the fused losses work from logits with log-sum-exp.
"""
from __future__ import annotations

import numpy as np

from engine.activations import EXP_LIMIT, sigmoid, softmax

EPS = 1e-12


def one_hot(labels, k: int) -> np.ndarray:
    """Class labels (n,) -> one-hot rows (n, k)."""
    labels = np.asarray(labels).astype(int).ravel()
    if labels.size and (labels.min() < 0 or labels.max() >= k):
        raise ValueError(f"class labels must lie in 0..{k - 1}, got {labels.min()}..{labels.max()}")
    out = np.zeros((labels.size, k))
    out[np.arange(labels.size), labels] = 1.0
    return out


def _as_targets(y: np.ndarray, t) -> np.ndarray:
    """Targets shaped like y: labels become one-hot rows when y has k > 1 columns."""
    t = np.asarray(t, dtype=float)
    if t.shape == y.shape:
        return t
    if y.ndim == 2 and t.ndim == 1 and t.shape[0] == y.shape[0]:
        if y.shape[1] == 1:
            return t[:, None]
        return one_hot(t, y.shape[1])
    raise ValueError(f"targets of shape {t.shape} do not match predictions of shape {y.shape}")


def _rows(y) -> int:
    return y.shape[0] if y.ndim > 1 else 1


class Loss:
    """A loss has a value, a gradient, and a formula for the screen."""

    name = "loss"
    latex = r"E"
    grad_latex = r"\frac{\partial E}{\partial y}"

    def value(self, y, t) -> float:
        raise NotImplementedError

    def grad(self, y, t) -> np.ndarray:
        raise NotImplementedError

    def value_and_grad(self, y, t) -> tuple[float, np.ndarray]:
        """Both at once (the fused losses share their softmax / sigmoid)."""
        return self.value(y, t), self.grad(y, t)

    def output(self, y) -> np.ndarray:
        """What the network's raw output means as a prediction (probabilities for the fused losses)."""
        return y

    def __call__(self, y, t) -> float:
        return self.value(y, t)


class MSE(Loss):
    """E = 1/n Σ ½ Σ_k (y − t)²;  ∂E/∂y = (y − t)/n."""

    name = "mse"
    grad_latex = r"\frac{\partial E}{\partial y} = \frac{y - t}{n}"
    latex = r"E = \frac{1}{n}\sum_{\text{rows}} \tfrac{1}{2}\sum_k (y_k - t_k)^2"

    def value(self, y, t):
        y = np.asarray(y, dtype=float)
        d = y - _as_targets(y, t)
        return float(0.5 * np.sum(d * d) / _rows(y))

    def grad(self, y, t):
        y = np.asarray(y, dtype=float)
        return (y - _as_targets(y, t)) / _rows(y)


class BinaryCrossEntropy(Loss):
    """E = −1/n Σ Σ_k [t log y + (1 − t) log(1 − y)], y a probability (after sigmoid)."""

    name = "bce"
    grad_latex = r"\frac{\partial E}{\partial y} = \frac{1}{n}\frac{y - t}{y(1-y)}"
    latex = r"E = -\frac{1}{n}\sum \left[t\ln y + (1-t)\ln(1-y)\right]"

    def value(self, y, t):
        y = np.clip(np.asarray(y, dtype=float), EPS, 1 - EPS)
        t = _as_targets(y, t)
        return float(-np.sum(t * np.log(y) + (1 - t) * np.log(1 - y)) / _rows(y))

    def grad(self, y, t):
        y = np.clip(np.asarray(y, dtype=float), EPS, 1 - EPS)
        t = _as_targets(y, t)
        return (y - t) / (y * (1 - y)) / _rows(y)


class CategoricalCrossEntropy(Loss):
    """E = −1/n Σ Σ_k t_k log y_k, y a probability row (after softmax)."""

    name = "cce"
    grad_latex = r"\frac{\partial E}{\partial y_k} = -\frac{1}{n}\frac{t_k}{y_k}"
    latex = r"E = -\frac{1}{n}\sum \sum_k t_k \ln y_k"

    def value(self, y, t):
        y = np.clip(np.asarray(y, dtype=float), EPS, 1.0)
        t = _as_targets(y, t)
        return float(-np.sum(t * np.log(y)) / _rows(y))

    def grad(self, y, t):
        y = np.clip(np.asarray(y, dtype=float), EPS, 1.0)
        t = _as_targets(y, t)
        return -t / y / _rows(y)


def log_softmax(z) -> np.ndarray:
    """ln softmax(z) = z − max − ln Σ e^(z − max): finite for any finite z."""
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(np.maximum(shifted, -EXP_LIMIT)), axis=-1, keepdims=True))


class SoftmaxCrossEntropy(Loss):
    """Softmax and categorical cross-entropy fused; the network outputs logits z.

    E = −1/n Σ Σ_k t_k ln softmax(z)_k  and  ∂E/∂z = (ŷ − t)/n  with ŷ = softmax(z):
    the softmax Jacobian and the 1/y of the log cancel, leaving ŷ − t.
    """

    name = "softmax_ce"
    grad_latex = r"\frac{\partial E}{\partial z} = \frac{\hat y - t}{n}"
    latex = r"E = -\frac{1}{n}\sum \sum_k t_k \ln \operatorname{softmax}(z)_k"

    def value(self, z, t):
        z = np.asarray(z, dtype=float)
        return float(-np.sum(_as_targets(z, t) * log_softmax(z)) / _rows(z))

    def grad(self, z, t):
        z = np.asarray(z, dtype=float)
        return (softmax(z) - _as_targets(z, t)) / _rows(z)

    def value_and_grad(self, z, t):
        z = np.asarray(z, dtype=float)
        t = _as_targets(z, t)
        shifted = z - z.max(axis=-1, keepdims=True)
        e = np.exp(np.maximum(shifted, -EXP_LIMIT))
        total = e.sum(axis=-1, keepdims=True)
        n = _rows(z)
        value = -(t * (shifted - np.log(total))).sum() / n
        return float(value), (e / total - t) / n

    def output(self, z):
        return softmax(z)


class SigmoidBinaryCrossEntropy(Loss):
    """Sigmoid and binary cross-entropy fused; the network outputs logits z.

    E = 1/n Σ [ln(1 + e^z) − t z]  (stable form)  and  ∂E/∂z = (σ(z) − t)/n.
    """

    name = "sigmoid_bce"
    grad_latex = r"\frac{\partial E}{\partial z} = \frac{\sigma(z) - t}{n}"
    latex = r"E = -\frac{1}{n}\sum \left[t\ln\sigma(z) + (1-t)\ln(1-\sigma(z))\right]"

    def value(self, z, t):
        z = np.asarray(z, dtype=float)
        t = _as_targets(z, t)
        # ln(1 + e^z) = max(z, 0) + ln(1 + e^−|z|)
        softplus = np.maximum(z, 0) + np.log1p(np.exp(-np.minimum(np.abs(z), EXP_LIMIT)))
        return float(np.sum(softplus - t * z) / _rows(z))

    def grad(self, z, t):
        z = np.asarray(z, dtype=float)
        return (sigmoid(z) - _as_targets(z, t)) / _rows(z)

    def output(self, z):
        return sigmoid(z)


LOSSES = {
    "mse": MSE,
    "bce": BinaryCrossEntropy,
    "cce": CategoricalCrossEntropy,
    "softmax_ce": SoftmaxCrossEntropy,
    "sigmoid_bce": SigmoidBinaryCrossEntropy,
}


def get_loss(name_or_loss) -> Loss:
    """A Loss from its name ('mse', 'bce', 'cce', 'softmax_ce', 'sigmoid_bce') or as given."""
    if isinstance(name_or_loss, Loss):
        return name_or_loss
    try:
        return LOSSES[str(name_or_loss)]()
    except KeyError:
        raise ValueError(f"unknown loss {name_or_loss!r}; choose one of {', '.join(LOSSES)}") from None
