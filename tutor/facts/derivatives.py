"""Checked numbers of lesson derivatives (computed with engine.descent)."""
import math

_COEFFS = [1, -4, -2, 12, 5]          # x^4 - 4x^3 - 2x^2 + 12x + 5


def _f(x):
    return x**4 - 4 * x**3 - 2 * x**2 + 12 * x + 5


def _critical(i):
    # np.roots (inside the engine) is exact to ~1e-15; round that away so the
    # lesson can write the integers -1, 1, 3
    from engine.descent import critical_points

    return round(critical_points(_COEFFS)[i][0], 9)


def _curvature(x):
    # f''(x) exactly: differentiate the coefficient list twice
    import numpy as np

    return float(np.polyval(np.polyder(_COEFFS, 2), x))


def _sqrt_tangent():
    from engine.descent import linear_approx

    return linear_approx(math.sqrt, 4.0, 4.01)


FACTS = {
    "deriv.crit1": lambda: _critical(0),
    "deriv.crit2": lambda: _critical(1),
    "deriv.crit3": lambda: _critical(2),
    "deriv.fpp_m1": lambda: _curvature(-1.0),
    "deriv.fpp_1": lambda: _curvature(1.0),
    "deriv.fpp_3": lambda: _curvature(3.0),
    "deriv.f_m1": lambda: _f(-1),
    "deriv.f_1": lambda: _f(1),
    "deriv.f_3": lambda: _f(3),
    "deriv.fprime4": lambda: __import__("engine.descent", fromlist=["derivative"]).derivative(
        math.sqrt, 4.0, method="central"),
    "deriv.sqrt401": _sqrt_tangent,
    "deriv.sqrt401_true": lambda: math.sqrt(4.01),
    "deriv.sqrt401_err": lambda: abs(_sqrt_tangent() - math.sqrt(4.01)),
}
