"""06 · the gradient of softmax + cross-entropy (lesson [[loss-functions]]), against
engine.losses.SoftmaxCrossEntropy.grad: (ŷ − t) / n."""
from __future__ import annotations

import numpy as np

from engine.activations import softmax
from engine.losses import SoftmaxCrossEntropy, one_hot
from tutor.exercises.spec import call_case
from tutor.locale import t


def cases():
    rng = np.random.default_rng(6)
    loss = SoftmaxCrossEntropy()
    out = []
    for n, k, scale in ((4, 3, 2.0), (5, 2, 2.0), (1, 4, 2.0), (3, 3, 1000.0)):
        z = rng.normal(0, scale, (n, k))
        target = one_hot(rng.integers(0, k, n), k)
        label = t("large inputs (up to 10⁴)") if scale > 100 else ""
        out.append(call_case("softmax_ce_grad", "z, t", [("z", z), ("t", target)], loss.grad(z, target), batch=n,
                             label=label, mistakes={0: [
                                 ((z - target) / n, t("this is (z − t)/n: the logits z stand where the "
                                                      "probabilities ŷ = softmax(z) belong")),
                                 ((softmax(z, axis=0) - target) / n,
                                  t("softmax normalised each column, but each row is one example"))]}))
    return out
