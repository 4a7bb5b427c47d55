"""Checked numbers of lesson gradients: f(x, y) = x^2 + y^2 - 2xy at (1, 2).

The gradient is measured with the engine's numerical derivative (central
differences), so it checks the lesson's hand-derived partials 2x - 2y and
2y - 2x instead of repeating them.
"""
import numpy as np


def _f(x, y):
    return x**2 + y**2 - 2 * x * y


def _grad(x, y):
    from engine.descent import gradient2d

    # central differences are exact to ~1e-10 here; round that away so the
    # lesson can write the integers -2 and 2
    return np.round(gradient2d(_f, float(x), float(y), method="central"), 6)


def _step(lr=0.1, x=1.0, y=2.0):
    """One descent step (x, y) - lr * grad f: the worked example of lesson 1.3."""
    gx, gy = _grad(x, y)
    return x - lr * gx, y - lr * gy


FACTS = {
    "grad.f12": lambda: _f(1, 2),
    "grad.gx12": lambda: float(_grad(1, 2)[0]),
    "grad.gy12": lambda: float(_grad(1, 2)[1]),
    "grad.norm12": lambda: float(np.linalg.norm(_grad(1, 2))),
    "grad.step_x": lambda: _step()[0],
    "grad.step_y": lambda: _step()[1],
    "grad.step_f": lambda: _f(*_step()),
    "grad.step_gap": lambda: (_step()[0] - _step()[1]) / (1 - 2),     # how much of x - y is left
}
