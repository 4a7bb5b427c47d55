"""12 · a valid convolution with stride (lesson [[convolution]]), against engine.conv.Conv2D
(cross-correlation: the kernel slides unflipped)."""
from __future__ import annotations

import numpy as np

from engine.conv import Conv2D
from tutor.exercises.spec import call_case
from tutor.locale import t

LESSON_X = np.array([[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]], float)
LESSON_W = np.array([[0, 1, 2], [2, 2, 0], [0, 1, 2]], float)


def engine_conv(x, w, b, stride):
    layer = Conv2D(x.shape[0], 1, w.shape[-1], padding="valid", stride=stride)
    layer.params["W"] = w[None].copy()
    layer.params["b"] = np.array([b])
    return layer.forward(x[None])[0, 0]


def cases():
    rng = np.random.default_rng(12)
    runs = [(LESSON_X[None], LESSON_W[None], 0.0, 1, t("the example of lesson {lesson}", lesson="[[convolution]]"))]
    for c, h, w, k, stride, b in ((2, 6, 7, 3, 1, 0.5), (3, 7, 7, 3, 2, -0.25), (1, 5, 5, 2, 2, 0.0),
                                  (2, 8, 6, 4, 3, 1.0)):
        runs.append((rng.normal(size=(c, h, w)), rng.normal(size=(c, k, k)), b, stride, ""))
    out = []
    for x, w, b, stride, label in runs:
        mistakes = [(engine_conv(x, w[:, ::-1, ::-1], b, stride),
                     t("this is the textbook convolution with the kernel flipped; slide it unflipped: "
                       "y[i, j] = Σ w[c, u, v] x[c, i·S + u, j·S + v] + b")),
                    (engine_conv(x[:1], w[:1], b, stride), t("only the first channel is summed; y adds up every "
                                                             "channel c")),
                    (engine_conv(x, w, 0.0, stride), t("b is missing: y = Σ w x + b"))]
        if stride > 1:
            mistakes.append((engine_conv(x, w, b, 1), t("the stride is not applied: the window moves S positions at "
                                                        "a time, giving ⌊(M − K)/S⌋ + 1 rows and columns")))
        out.append(call_case("conv2d", "x, w, b, stride", [("x", x), ("w", w), ("b", b), ("stride", stride)],
                             engine_conv(x, w, b, stride), label=label, mistakes={0: mistakes}))
    return out
