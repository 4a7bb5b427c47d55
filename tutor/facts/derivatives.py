"""Checked numbers of lesson derivatives."""
import numpy as np


def _f(x):
    return x**4 - 4 * x**3 - 2 * x**2 + 12 * x + 5


def _fpp(x):
    return 12 * x**2 - 24 * x - 4


def _critical():
    # roots of f'(x) = 4x^3 - 12x^2 - 4x + 12, smallest first
    return np.sort(np.roots([4, -12, -4, 12]).real)


FACTS = {
    "deriv.crit1": lambda: float(_critical()[0]),
    "deriv.crit2": lambda: float(_critical()[1]),
    "deriv.crit3": lambda: float(_critical()[2]),
    "deriv.fpp_m1": lambda: _fpp(-1),
    "deriv.fpp_1": lambda: _fpp(1),
    "deriv.fpp_3": lambda: _fpp(3),
    "deriv.f_m1": lambda: _f(-1),
    "deriv.f_1": lambda: _f(1),
    "deriv.f_3": lambda: _f(3),
    "deriv.fprime4": lambda: 1 / (2 * np.sqrt(4)),
    "deriv.sqrt401": lambda: np.sqrt(4) + 1 / (2 * np.sqrt(4)) * (4.01 - 4),
    "deriv.sqrt401_true": lambda: float(np.sqrt(4.01)),
    "deriv.sqrt401_err": lambda: abs((2 + 0.25 * 0.01) - np.sqrt(4.01)),
}
