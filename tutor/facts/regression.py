"""Checked numbers of lesson regression: a least-squares line and a parabola fit."""
import numpy as np

_X = np.array([1.0, 2, 3, 4, 5])
_Y = np.array([2.1, 3.9, 6.2, 7.8, 10.1])

_PX = np.array([-2.0, -1, 0, 1, 2])
_PY = np.array([7.0, 3, 1, 1, 3])


def _line():
    from engine.descent import least_squares_line

    return least_squares_line(_X, _Y)


def _grad(a, b, c):
    from engine.descent import quadratic_loss_and_grads

    return quadratic_loss_and_grads(_PX, _PY, a, b, c)[1:]


def _fit(lr=0.02, steps=5000):
    from engine.descent import fit_quadratic

    fit = fit_quadratic(_PX, _PY, lr=lr, steps=steps)
    return fit.a, fit.b, fit.c


FACTS = {
    "reg.xbar": lambda: _X.mean(),
    "reg.ybar": lambda: _Y.mean(),
    "reg.w": lambda: _line()[0],
    "reg.b": lambda: _line()[1],
    "reg.sse": lambda: float(((_line()[0] * _X + _line()[1] - _Y) ** 2).sum()),
    "reg.ga0": lambda: _grad(0, 0, 0)[0],
    "reg.gb0": lambda: _grad(0, 0, 0)[1],
    "reg.gc0": lambda: _grad(0, 0, 0)[2],
    "reg.a_fit": lambda: _fit()[0],
    "reg.b_fit": lambda: _fit()[1],
    "reg.c_fit": lambda: _fit()[2],
}
