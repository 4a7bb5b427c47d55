"""The perceptron-xor lab's `--plain` output: the perceptron rule's result, the loss table of
the three models, their final outputs and their decision regions as text."""
from __future__ import annotations

from typing import TextIO

import numpy as np

from tutor.labs.kit.text import pad
from tutor.labs.perceptron_xor.models import HIGH, LOW, model_titles
from tutor.labs.perceptron_xor.payload import DivergedValues, EpochValues, RuleValues
from tutor.locale import t, translated


def write_plain(lab, out: TextIO) -> None:
    v = lab.values
    print(t("{title}  (epochs = {epochs}, η = {lr:g}, seed = {seed})",
            title=translated(lab.title), epochs=v["epochs"], lr=v["lr"], seed=v["seed"]), file=out)
    print(t("Loss: sigmoid + binary cross-entropy, full-batch gradient descent on the four corners."), file=out)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    models = model_titles()
    # the loss table's columns: (heading, width); a heading wider than its numbers widens the column
    heads = [(t("epoch"), 5), (t("AND one neuron"), 14), (t("XOR one neuron"), 14), (t("XOR 2-2-1 net"), 13)]
    from rich.cells import cell_len

    widths = [max(w, cell_len(h)) for h, w in heads]
    gaps = ("    ", "   ", "   ")
    for e in lab.run():
        rule, now = RuleValues.of(e), EpochValues.of(e)
        if e.kind == "info" and rule is not None:
            w = f"w = ({rule.and_w1:g}, {rule.and_w2:g})"
            b = f"b = {rule.and_b:g}"
            print(t("Perceptron rule (step activation, η = 1, from w = 0, b = 0): on AND pass {and_passes} "
                    "is the first without a mistake, {w}, {b}; XOR still {mistakes} mistakes in pass {xor_passes}.",
                    and_passes=rule.and_passes, w=w, b=b, mistakes=rule.xor_last_mistakes,
                    xor_passes=rule.xor_passes), file=out)
            cols = [pad(h, w, right=True) for (h, _), w in zip(heads, widths)]
            print("".join(c + gap for c, gap in zip(cols, gaps)) + cols[-1] + "   " + t("(loss)"), file=out)
        elif e.kind == "info" and now is not None and (now.epoch % max(1, v["epochs"] // 10) == 0
                                                       or now.epoch == 1):
            w = widths
            print(f"{now.epoch:>{w[0]}}    {now.and1.loss:>{w[1]}.4f}   {now.xor1.loss:>{w[2]}.4f}   "
                  f"{now.xor2.loss:>{w[3]}.4f}", file=out)
        elif e.kind == "diverged":
            print(t("{label}: {message}", label=e.label, message=DivergedValues.of(e).message), file=out)
        elif e.kind == "done":
            print(t("ln 2 = {ln2:.4f} (one neuron's best on XOR: y = 0.5 everywhere)", ln2=np.log(2)), file=out)
            if now.xor2.acc < 1:
                print(t("The 2-2-1 net is stuck in a local minimum (it happens for about half the seeds): "
                        "try another seed."), file=out)
            for key, title in models:
                pred = e.arrays[f"{key}_pred"]
                cells = ", ".join(f"{int(a)}{int(b)}→{p:.3f}" for (a, b), p in zip(X, pred))
                print(t("{title}: loss {loss:.4f}, accuracy {accuracy:.2f}   ({cells})", title=title,
                        loss=now.score(key).loss, accuracy=now.score(key).acc, cells=cells), file=out)
            for key, title in models:
                print(t("{title}: decision regions (1: y > 0.51, 0: y < 0.49, ?: undecided; "
                        "x₁ →, x₂ ↑, from {low} to {high})", title=title, low=LOW, high=HIGH), file=out)
                for row in e.arrays[key]:
                    print("  " + "".join("1" if p > 0.51 else "0" if p < 0.49 else "?" for p in row), file=out)
