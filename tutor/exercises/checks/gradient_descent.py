"""02 · gradient descent with the halving rule (lesson [[gradient-descent-1d]]), against engine.descent.descend."""
from __future__ import annotations

import numpy as np

from engine.descent import descend
from tutor.exercises.child.functions import FUNCTIONS
from tutor.exercises.spec import call_case
from tutor.locale import t

RUNS = (("sinsq", 4.0, 0.5, {}), ("sinsq", 4.0, 0.1, {}), ("sinsq", 4.0, 1.1, {}), ("bowl", -3.0, 0.3, {}),
        ("sinsq", 4.0, 0.1, {"max_iterations": 5}), ("bowl", 2.5, 0.9, {"min_step": 1e-3}))


def _late_stop(f, x0, lr, min_step=1e-5, max_iterations=1000, h=1e-6):
    """A common mistake: moving first and testing the step afterwards (one step too many)."""
    xs, last = [x0], None
    x = x0
    for k in range(max_iterations):
        g = (f(x + h) - f(x)) / h
        if k > 0 and g * last < 0:
            lr /= 2
        new = x - lr * g
        xs.append(new)
        if abs(new - x) < min_step:
            break
        x, last = new, g
    return np.array(xs)


def cases():
    out = []
    for name, x0, lr, options in RUNS:
        f = FUNCTIONS[name]
        run = descend(f, x0, lr=lr, **options)
        mistakes = [
            (descend(f, x0, lr=lr, halve=False, **options).xs,
             t("this is the run without the halving rule: when the slope changes sign, halve η")),
            (_late_stop(f, x0, lr, **options),
             t("this run takes one step too many: test |η f′(x)| < min_step before moving x")),
            (run.xs[1:], t("x0 is missing: the list starts with the starting point x0")),
            (descend(f, x0, lr=lr, method="central", **options).xs,
             t("the slopes are central differences; the lesson's rule uses the forward difference "
               "(f(x + h) − f(x)) / h")),
        ]
        label = t("the run of lesson {lesson}", lesson="[[gradient-descent-1d]]") if (name, x0, lr, options) == RUNS[0] else ""
        out.append(call_case("gradient_descent", "f, x0, lr", [("f", f), ("x0", x0), ("lr", lr)], run.xs,
                             kwargs=options, label=label, mistakes={0: mistakes}, rtol=1e-7, atol=1e-9))
    return out
