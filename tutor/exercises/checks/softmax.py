"""05 · stable softmax and cross-entropy (lesson [[loss-functions]]), against engine.activations.softmax
and engine.losses.CategoricalCrossEntropy (the mean over the batch of −Σ t ln p)."""
from __future__ import annotations

import numpy as np

from engine.activations import softmax
from engine.losses import CategoricalCrossEntropy, one_hot
from tutor.exercises.spec import call_case
from tutor.locale import t

EXTREME = np.array([[1000.0, 0.0, -1000.0], [1e4, 1e4, 0.0], [-1000.0, -1000.0, -1000.0], [710.0, 709.0, 0.0]])


def cases():
    rng = np.random.default_rng(5)
    out = []
    for n, k in ((4, 3), (1, 5), (6, 2)):
        z = rng.normal(0, 2, (n, k))
        out.append(call_case("softmax", "z", [("z", z)], softmax(z), mistakes={0: [
            (softmax(z, axis=0), t("each column was normalised, but each row is one example: sum over the last "
                                   "axis (axis=-1, keepdims=True)"))]}))
    out.append(call_case("softmax", "z", [("z", EXTREME)], softmax(EXTREME), label=t("large inputs (up to 10⁴)"),
                         group="softmax-large"))
    cce = CategoricalCrossEntropy()
    for n, k in ((4, 3), (1, 4), (5, 3)):
        p = softmax(rng.normal(0, 2, (n, k)))
        target = one_hot(rng.integers(0, k, n), k)
        mean_all = float(-np.mean(target * np.log(p)))
        out.append(call_case("cross_entropy", "p, t", [("p", p), ("t", target)], cce.value(p, target), batch=n,
                             mistakes={0: [(mean_all, t("averaged over every entry (n·K of them); the formula sums "
                                                        "over the K classes and averages over the n rows"))]}))
    return out
