"""01 · numerical derivatives (lesson [[derivatives]]), against engine.descent.derivative."""
from __future__ import annotations

from engine.descent import derivative
from tutor.exercises.child.functions import FUNCTIONS
from tutor.exercises.spec import call_case
from tutor.locale import t

POINTS = (("sinsq", 4.0), ("sinsq", -1.0), ("exp", 0.5), ("sqrt", 4.0), ("cubic", -2.0), ("quartic", 1.5))


def cases():
    out = []
    for func, method, default_h in (("forward_difference", "forward", 1e-6), ("central_difference", "central", 1e-5)):
        for k, (name, x) in enumerate(POINTS):
            f = FUNCTIONS[name]
            h = default_h if k % 2 == 0 else 1e-3            # the default h, and one given explicitly
            kwargs = {} if k % 2 == 0 else {"h": h}
            mistakes = []
            if method == "central":
                mistakes.append((derivative(f, x, h, "forward"),
                                 t("this is the forward difference; the central one is (f(x + h) − f(x − h)) / (2h)")))
            else:
                mistakes.append((derivative(f, x, h, "central"),
                                 t("this is the central difference; the forward one is (f(x + h) − f(x)) / h")))
            out.append(call_case(func, "f, x", [("f", f), ("x", x)], derivative(f, x, h, method), kwargs=kwargs,
                                 mistakes={0: mistakes}, rtol=1e-6, atol=1e-7))
    return out
