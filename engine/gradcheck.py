"""Gradient checking: compare backprop's gradients with finite differences.

The numerical derivative nudges one number θ_i at a time:

    ∂E/∂θ_i ≈ (E(θ_i + h) − E(θ_i − h)) / (2h)        (central difference)

and the check reports, for each parameter array, the relative error

    ‖analytic − numerical‖ / max(‖analytic‖ + ‖numerical‖, tiny)

Rule of thumb in float64 with h = 1e-5: below 1e-7 is right, around 1e-4
deserves a look, above 1e-2 is a bug.  (A ReLU kink inside [θ − h, θ + h]
can spoil a correct gradient: check away from z = 0.)

What cannot be checked: Dropout in training mode.  Every forward pass draws
a new random mask, so E(θ + h) and E(θ − h) are two different networks and
their difference measures the masks, not the gradient.  check_layer refuses
(a ValueError that says so) any layer whose `stochastic` is true; a test that
fixes the mask says `stochastic = False`.  check_network always runs with
training off, where Dropout passes its input through unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from engine.losses import get_loss

H = 1e-5


def numerical_gradient(f: Callable[[], float], x: np.ndarray, h: float = H) -> np.ndarray:
    """∂f/∂x by central differences; `f` reads `x` (changed in place and put back)."""
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        plus = f()
        x[i] = old - h
        minus = f()
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def relative_error(analytic, numerical) -> float:
    a, n = np.asarray(analytic, dtype=float), np.asarray(numerical, dtype=float)
    scale = np.linalg.norm(a) + np.linalg.norm(n)
    return float(np.linalg.norm(a - n) / max(scale, 1e-300)) if scale > 0 else 0.0


@dataclass(frozen=True)
class Check:
    name: str                 # "input", "W", "2.W", ...
    shape: tuple
    rel_error: float
    max_abs_diff: float

    def __str__(self):
        return f"{self.name:<8} {str(self.shape):<12} relative error {self.rel_error:.2e}"


def _check(name, analytic, numerical) -> Check:
    return Check(name, tuple(np.shape(analytic)), relative_error(analytic, numerical),
                 float(np.max(np.abs(np.asarray(analytic) - numerical))) if np.size(analytic) else 0.0)


def check_layer(layer, x, seed: int = 0, training: bool = False, h: float = H) -> list[Check]:
    """Check a layer's backward pass: its input gradient and every parameter gradient.

    The scalar being differentiated is E = Σ y ⊙ r for a fixed random r, so
    ∂E/∂y = r is what backward receives.
    """
    if training and getattr(layer, "stochastic", False):
        raise ValueError(f"{type(layer).__name__} draws a new random mask on every forward pass while "
                         "training, so finite differences cannot check it: use training=False "
                         "(or fix the mask and set stochastic = False)")
    x = np.array(x, dtype=float)
    r = np.random.default_rng(seed).standard_normal(layer.forward(x.copy(), training).shape)

    def E():
        return float(np.sum(layer.forward(x, training) * r))

    layer.forward(x, training)
    dx = layer.backward(r)
    analytic = {k: np.array(g, copy=True) for k, g in layer.grads.items()}
    checks = [_check("input", dx, numerical_gradient(E, x, h))]
    for key, p in layer.params.items():
        checks.append(_check(key, analytic[key], numerical_gradient(E, p, h)))
    return checks


def check_network(net, X, t, loss="mse", h: float = H, check_input: bool = False) -> list[Check]:
    """Check every parameter of a Sequential under a loss; names are "<layer>.<param>"."""
    loss = get_loss(loss)
    X = np.array(X, dtype=float)
    T = np.asarray(t, dtype=float)

    def E():
        return loss.value(net.forward(X, training=False), T)

    y = net.forward(X, training=False)
    dx = net.backward(loss.grad(y, T))
    analytic = [(i, k, np.array(layer.grads[k], copy=True)) for i, layer in enumerate(net.layers) for k in layer.params]
    checks = [_check(f"{i}.{k}", g, numerical_gradient(E, net.layers[i].params[k], h)) for i, k, g in analytic]
    if check_input:
        checks.insert(0, _check("input", dx, numerical_gradient(E, X, h)))
    return checks


def worst(checks: list[Check]) -> float:
    """The largest relative error of a check."""
    return max((c.rel_error for c in checks), default=0.0)
