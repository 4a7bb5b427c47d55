"""Checked numbers of lesson gradients: f(x, y) = x^2 + y^2 - 2xy at (1, 2)."""
import numpy as np


def _f(x, y):
    return x**2 + y**2 - 2 * x * y


def _grad(x, y):
    # the partial derivatives: df/dx = 2x - 2y, df/dy = 2y - 2x
    return np.array([2 * x - 2 * y, 2 * y - 2 * x], dtype=float)


FACTS = {
    "grad.f12": lambda: _f(1, 2),
    "grad.gx12": lambda: float(_grad(1, 2)[0]),
    "grad.gy12": lambda: float(_grad(1, 2)[1]),
    "grad.norm12": lambda: float(np.linalg.norm(_grad(1, 2))),
}
