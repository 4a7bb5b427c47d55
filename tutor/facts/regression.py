"""Checked numbers of lesson regression: a least-squares line and a parabola fit."""
import numpy as np

_X = np.array([1.0, 2, 3, 4, 5])
_Y = np.array([2.1, 3.9, 6.2, 7.8, 10.1])

_PX = np.array([-2.0, -1, 0, 1, 2])
_PY = np.array([7.0, 3, 1, 1, 3])


def _line():
    # the closed form of least squares
    dx, dy = _X - _X.mean(), _Y - _Y.mean()
    w = (dx * dy).sum() / (dx * dx).sum()
    return w, _Y.mean() - w * _X.mean()


def _grad(a, b, c):
    e = a * _PX**2 - b * _PX + c - _PY
    n = len(_PX)
    return np.array([2 / n * (e * _PX**2).sum(), -2 / n * (e * _PX).sum(), 2 / n * e.sum()])


def _fit(lr=0.02, steps=5000):
    p = np.zeros(3)
    for _ in range(steps):
        p -= lr * _grad(*p)
    return p


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
