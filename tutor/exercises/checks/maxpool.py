"""13 · max pooling forward and backward (lesson [[pooling-and-cnn]]), against engine.pooling.MaxPool2D
(windows of size × size, stride = size, leftover rows and columns dropped)."""
from __future__ import annotations

import numpy as np

from engine.pooling import AvgPool2D, MaxPool2D
from tutor.exercises.spec import call_case, numgrad_case
from tutor.locale import t

LESSON = np.array([[1, 3, 2, 1], [4, 6, 5, 0], [3, 1, 1, 2], [0, 2, 7, 4]], float)


def cases():
    rng = np.random.default_rng(13)
    runs = [(LESSON[None] + 0.0, 2, t("the example of lesson {lesson}", lesson="[[pooling-and-cnn]]"))]
    for shape, size in (((2, 6, 6), 2), ((1, 7, 5), 2), ((3, 6, 6), 3)):
        runs.append((rng.normal(size=shape), size, ""))
    forwards, backwards, helpers = [], [], []
    for x, size, label in runs:
        pool, avg = MaxPool2D(size), AvgPool2D(size)
        y = pool.forward(x[None])[0]
        average = t("this is average pooling: max pooling keeps the largest value of each window")
        forwards.append(call_case("maxpool_forward", "x, size", [("x", x), ("size", size)], y, label=label,
                                  mistakes={0: [(avg.forward(x[None])[0], average)]}))
        delta = rng.normal(size=y.shape)
        dx = pool.backward(delta[None])[0]
        avg.forward(x[None])
        spread = np.zeros_like(x)
        h, w = y.shape[1] * size, y.shape[2] * size
        spread[:, :h, :w] = np.repeat(np.repeat(delta, size, axis=1), size, axis=2)
        backwards.append(call_case("maxpool_backward", "delta, x, size", [("delta", delta), ("x", x), ("size", size)],
                                   dx, label=label, fd_names=("maxpool_forward", "maxpool_backward"),
                                   mistakes={0: [
                                       (spread, t("every position of a window got the gradient; only the maximum "
                                                  "gets it (the others did not change the output)")),
                                       (avg.backward(delta[None])[0], t("this is average pooling's backward (δ shared "
                                                                       "equally); max pooling sends all of δ to the "
                                                                       "maximum"))]}))
        helpers.append(numgrad_case("maxpool_forward", [x, size], 0, delta))
    out = forwards + backwards
    for case, helper in zip(backwards, helpers):
        case.fd = {0: len(out)}
        out.append(helper)
    return out
