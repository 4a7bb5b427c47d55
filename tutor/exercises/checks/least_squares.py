"""03 · least squares in closed form (lesson [[regression]]), against engine.descent.least_squares_line."""
from __future__ import annotations

import numpy as np

from engine.descent import least_squares_line
from tutor.exercises.spec import call_case
from tutor.locale import t

LESSON_X = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
LESSON_Y = np.array([2.1, 3.9, 6.2, 7.8, 10.1])


def cases():
    rng = np.random.default_rng(3)
    data = [(LESSON_X, LESSON_Y, t("the example of lesson {lesson}", lesson="[[regression]]"))]
    for n in (8, 20):
        x = rng.uniform(-3, 6, n)
        data.append((x, 1.7 - 0.8 * x + rng.normal(0, 0.5, n), ""))
    out = []
    for x, y, label in data:
        w, b = least_squares_line(x, y)
        through_origin = float(np.sum(x * y) / np.sum(x * x))
        out.append(call_case("fit_line", "x, y", [("x", x), ("y", y)], (w, b), names=("w", "b"), label=label,
                             mistakes={None: [((b, w), t("the two numbers are swapped: return (w, b)"))],
                                       0: [(through_origin, t("Σ x y / Σ x² is the slope of a line through the "
                                                              "origin; subtract the means first: "
                                                              "Σ (x − x̄)(y − ȳ) / Σ (x − x̄)²"))]},
                             rtol=1e-6))
    return out
