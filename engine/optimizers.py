"""Optimizers: how a parameter θ moves once its gradient g = ∂E/∂θ is known.

    SGD       θ ← θ − η g
    Momentum  v ← γ v + η g;          θ ← θ − v
    AdaGrad   r ← r + g²;             θ ← θ − η / (ε + √r) · g
    RMSProp   r ← ρ r + (1 − ρ) g²;   θ ← θ − η / √(r + ε) · g
    Adam      m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²
              m̂ = m / (1 − β₁ᵗ);      v̂ = v / (1 − β₂ᵗ)
              θ ← θ − η m̂ / (√v̂ + ε)
All squares, roots and divisions are element by element; t counts steps from 1.
(ε sits outside the root for AdaGrad and Adam and inside for RMSProp, as in
Goodfellow et al., Deep Learning, §8.5, which the course follows.)

L2 weight decay λ adds λθ to the gradient of every weight before the rule
(E + ½λ‖W‖²).  Which parameters count as weights each layer says in
`layer.decayed()`: the weight matrices, never biases or LSTM peepholes
(the rule and its reasons: engine/layer.py).

Parameters are updated in place.  A layer's `frozen` set names parameters
to leave alone.
"""
from __future__ import annotations

import numpy as np


def trainable(model):
    """(layer index, name, parameter, gradient, decayed?) for every parameter not frozen."""
    layers = getattr(model, "layers", model)
    for i, layer in enumerate(layers):
        frozen = getattr(layer, "frozen", ())
        decayed = layer.decayed()
        for key, theta in layer.params.items():
            if key not in frozen:
                yield i, key, theta, layer.grads[key], key in decayed


class Optimizer:
    name = "optimizer"
    latex = r"\theta \leftarrow \theta - \eta g"

    def __init__(self, lr: float = 0.01, weight_decay: float = 0.0) -> None:
        if not lr > 0:
            raise ValueError(f"the learning rate must be positive, got {lr}")
        if weight_decay < 0:
            raise ValueError(f"weight decay must be >= 0, got {weight_decay}")
        self.lr = float(lr)
        self.weight_decay = float(weight_decay)
        self.t = 0                      # steps taken (Adam's bias correction uses it)
        self.state: dict = {}           # per-parameter memory (velocity, squared gradients)

    def step(self, model) -> None:
        """Update every trainable parameter of a Sequential (or a list of layers)."""
        self.begin_step()
        for i, key, theta, g, decay in trainable(model):
            self.update((i, key), theta, g, decay=decay)

    def begin_step(self) -> None:
        """Count one step; call once before updating the parameters one by one."""
        self.t += 1

    def update(self, key, theta: np.ndarray, g: np.ndarray, decay: bool = True) -> None:
        """Move one parameter array in place; `key` identifies its memory."""
        if self.weight_decay and decay:
            g = g + self.weight_decay * theta
        self._update(key, theta, g)

    def _update(self, key, theta, g) -> None:
        raise NotImplementedError

    def _memory(self, key, theta, n: int = 1):
        if key not in self.state:
            self.state[key] = tuple(np.zeros_like(theta) for _ in range(n))
        return self.state[key]

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr})"


class SGD(Optimizer):
    name = "sgd"
    latex = r"\theta \leftarrow \theta - \eta g"

    def _update(self, key, theta, g):
        theta -= self.lr * g


class Momentum(Optimizer):
    name = "momentum"
    latex = r"v \leftarrow \gamma v + \eta g,\quad \theta \leftarrow \theta - v"

    def __init__(self, lr=0.01, gamma: float = 0.9, weight_decay=0.0):
        super().__init__(lr, weight_decay)
        if not 0.0 <= gamma < 1.0:
            raise ValueError(f"momentum γ must be in [0, 1), got {gamma}")
        self.gamma = float(gamma)

    def _update(self, key, theta, g):
        (v,) = self._memory(key, theta)
        v *= self.gamma
        v += self.lr * g
        theta -= v


class AdaGrad(Optimizer):
    name = "adagrad"
    latex = r"r \leftarrow r + g^2,\quad \theta \leftarrow \theta - \frac{\eta}{\epsilon + \sqrt{r}} g"

    def __init__(self, lr=0.01, eps: float = 1e-8, weight_decay=0.0):
        super().__init__(lr, weight_decay)
        self.eps = float(eps)

    def _update(self, key, theta, g):
        (r,) = self._memory(key, theta)
        r += g * g
        theta -= self.lr * g / (self.eps + np.sqrt(r))


class RMSProp(Optimizer):
    name = "rmsprop"
    latex = r"r \leftarrow \rho r + (1-\rho) g^2,\quad \theta \leftarrow \theta - \frac{\eta}{\sqrt{r + \epsilon}} g"

    def __init__(self, lr=0.001, rho: float = 0.9, eps: float = 1e-8, weight_decay=0.0):
        super().__init__(lr, weight_decay)
        if not 0.0 <= rho < 1.0:
            raise ValueError(f"decay ρ must be in [0, 1), got {rho}")
        self.rho, self.eps = float(rho), float(eps)

    def _update(self, key, theta, g):
        (r,) = self._memory(key, theta)
        r *= self.rho
        r += (1.0 - self.rho) * g * g
        theta -= self.lr * g / np.sqrt(r + self.eps)


class Adam(Optimizer):
    name = "adam"
    latex = (r"m \leftarrow \beta_1 m + (1-\beta_1) g,\quad v \leftarrow \beta_2 v + (1-\beta_2) g^2,\quad "
             r"\theta \leftarrow \theta - \eta \frac{\hat m}{\sqrt{\hat v} + \epsilon}")

    def __init__(self, lr=0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8, weight_decay=0.0):
        super().__init__(lr, weight_decay)
        for label, beta in (("β₁", beta1), ("β₂", beta2)):
            if not 0.0 <= beta < 1.0:
                raise ValueError(f"{label} must be in [0, 1), got {beta}")
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)

    def _update(self, key, theta, g):
        m, v = self._memory(key, theta, 2)
        t = max(self.t, 1)            # bias correction for step t (begin_step counts)
        m *= self.beta1
        m += (1.0 - self.beta1) * g
        v *= self.beta2
        v += (1.0 - self.beta2) * g * g
        m_hat = m / (1.0 - self.beta1 ** t)
        v_hat = v / (1.0 - self.beta2 ** t)
        theta -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


OPTIMIZERS = {cls.name: cls for cls in (SGD, Momentum, AdaGrad, RMSProp, Adam)}


def get_optimizer(name: str, **kwargs) -> Optimizer:
    try:
        return OPTIMIZERS[name](**kwargs)
    except KeyError:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}") from None
