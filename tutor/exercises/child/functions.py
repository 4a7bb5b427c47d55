"""The functions f(x) that exercises hand to a student's code (derivatives, descent).

Both sides use this table: the checking process passes the function itself
to the student's code, dltutor passes it to the engine for the reference.
"""
from __future__ import annotations

import math


def _named(name: str, formula: str, f):
    f.wire_name = name
    f.formula = formula
    return f


FUNCTIONS = {
    "sinsq": _named("sinsq", "x² + sin x", lambda x: x * x + math.sin(x)),
    "exp": _named("exp", "eˣ", lambda x: math.exp(x)),
    "sqrt": _named("sqrt", "√x", lambda x: math.sqrt(x)),
    "cubic": _named("cubic", "x³ − 2x", lambda x: x ** 3 - 2 * x),
    "bowl": _named("bowl", "(x − 1)² + 0.5", lambda x: (x - 1) ** 2 + 0.5),
    "quartic": _named("quartic", "x⁴ − 4x³ − 2x² + 12x + 5",
                      lambda x: x ** 4 - 4 * x ** 3 - 2 * x ** 2 + 12 * x + 5),
}
