"""Lab `digits`: the hello-world of deep learning on the shipped 8×8 digits.

An MLP 64-50-10 with ReLU learns the digits (pixels scaled from 0..16 to
0..1, softmax + cross-entropy, Adam, mini-batches).  Then: test accuracy and
the confusion matrix, a few test digits with their predicted probabilities,
the digits it gets wrong, and one step of the fast gradient sign method
(FGSM) that flips a prediction:
    x' = clip(x + ε · sign(∇_x E), 0, 1)
Every pixel moves by ε in the direction that raises the loss the fastest.
In the app the student can also draw a digit on an 8×8 grid.
"""
from __future__ import annotations

from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.training import (
    EpochValues,
    confusion,
    confusion_lines,
    digits_split,
    epoch_events,
    epoch_line,
    make_optimizer,
    numbered,
)
from tutor.locale import N_, t

SHADES = " .:-=+*#%@"          # plain-text pixels, dark to bright
EPS_STEPS = np.round(np.arange(0.02, 1.0001, 0.02), 2)   # ε tried when eps=0 (automatic)


def probabilities(net, x) -> np.ndarray:
    from engine.activations import softmax

    return softmax(net.predict(np.asarray(x, dtype=float).reshape(-1, 64)))


def input_gradient(net, x, label: int) -> np.ndarray:
    """∇_x E for one image: the fused softmax + cross-entropy gradient sent back to the input."""
    from engine.losses import SoftmaxCrossEntropy, one_hot

    x = np.asarray(x, dtype=float).reshape(1, 64)
    z = net.forward(x)
    _, delta = SoftmaxCrossEntropy().value_and_grad(z, one_hot([label], 10))
    return net.backward(delta).reshape(8, 8)


def fgsm(net, x, label: int, eps: float) -> np.ndarray:
    g = input_gradient(net, x, label)
    return np.clip(np.asarray(x).reshape(8, 8) + eps * np.sign(g), 0.0, 1.0)


def ascii_digit(image) -> list[str]:
    """An 8×8 image (0..1) as 8 lines of 16 characters (two per pixel: about square)."""
    image = np.clip(np.asarray(image, dtype=float).reshape(8, 8), 0, 1)
    idx = np.round(image * (len(SHADES) - 1)).astype(int)
    return ["".join(SHADES[i] * 2 for i in row) for row in idx]


def a_digit(d) -> str:
    """"a 3", "an 8": English needs an article before a digit's name (other languages may not)."""
    return t("an {digit}", digit=d) if str(d) == "8" else t("a {digit}", digit=d)


def prob_lines(p, width: int = 30) -> list[str]:
    best = int(np.argmax(p))
    mark = t("  <- predicted")
    return [f"  {d}: {'#' * int(round(q * width)):<{width}} {q:.3f}{mark if d == best else ''}"
            for d, q in enumerate(p)]


class DigitsLab(Lab):
    name = "digits"
    title = N_("Handwritten digits: the hello-world of deep learning")
    summary = N_("Train a 64-50-10 MLP on the 8×8 digits; browse predictions, confusion matrix, errors, FGSM; "
                 "draw a digit.")
    params = (
        Param("epochs", 15, N_("training epochs"), int, low=1, high=500),
        Param("lr", 0.005, N_("learning rate η"), low=1e-9, high=1e9),
        Param("hidden", 50, N_("hidden units"), int, low=1, high=512),
        Param("batch", 32, N_("mini-batch size"), int, low=1, high=2000),
        Param("show", 0, N_("first test digit to browse (0-based index into the test set)"), int, low=0, high=449),
        Param("browse", 4, N_("how many test digits to step through"), int, low=0, high=50),
        Param("eps", 0.0, N_("FGSM step ε on the 0..1 pixel scale (0 = the smallest that flips)"), low=0.0, high=1.0),
        Param("optimizer", "adam", N_("update rule (plain SGD can diverge with a large η)"), str,
              choices=("adam", "sgd")),
        Param("seed", 0, N_("seed of the split, the weights and the batches"), int, low=0, high=10**6),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        self.model = None          # the trained network, for the drawing grid
        self.trained = False
        self.test_set = None       # (X_test, y_test), for browsing in the drawing grid

    def data(self):
        return digits_split(self.values["seed"])

    def network(self):
        from engine.layers import Dense, ReLU
        from engine.network import Sequential

        h, seed = self.values["hidden"], self.values["seed"]
        return Sequential([Dense(64, h, rng=seed), ReLU(), Dense(h, 10, init="xavier", rng=seed + 1)])

    def optimizer(self):
        return make_optimizer(self.values["optimizer"], self.values["lr"])

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def _events(self) -> Iterator[Event]:
        from engine.training import iter_fit

        v = self.values
        Xtr, Xte, ytr, yte = self.data()
        net = self.model = self.network()
        self.trained = False
        self.test_set = (Xte, yte)
        yield Event("info", t("{train} digits to train on, {test} to test; 64-{hidden}-10 network, "
                              "{parameters} parameters", train=len(Xtr), test=len(Xte), hidden=v["hidden"],
                              parameters=net.param_count()),
                    r"\hat{y} = \mathrm{softmax}(W_2\, \mathrm{ReLU}(W_1 x + b_1) + b_2), \quad "
                    r"E = -\frac{1}{n}\sum_n \ln \hat{y}_{n,t_n}",
                    values={"train": len(Xtr), "test": len(Xte), "parameters": net.param_count()})
        histories = iter_fit(net, Xtr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             batch_size=v["batch"], validation=(Xte, yte), seed=v["seed"])
        for e in epoch_events(histories):
            yield e
            if e.kind == "diverged":
                return
        self.trained = True
        P = probabilities(net, Xte)
        pred = P.argmax(axis=1)
        acc = float(np.mean(pred == yte))
        m = confusion(yte, pred, 10)
        accuracy = t(r"\text{{accuracy}}")
        yield Event("info", t("Test accuracy {acc:.4f}: {right} of {n} right", acc=acc, right=int(np.trace(m)),
                              n=len(yte)),
                    rf"{accuracy} = \frac{{{int(np.trace(m))}}}{{{len(yte)}}} = {fmt(acc)}",
                    arrays={"confusion": m}, values={"test_acc": acc, "names": tuple(str(d) for d in range(10))})
        first = min(v["show"], len(Xte) - 1)
        for i in range(first, min(first + v["browse"], len(Xte))):
            p, k = P[i], int(pred[i])
            if k == yte[i]:
                label = t("Test digit #{i}: {digit}, predicted {k} ({p:.1%})", i=i, digit=a_digit(yte[i]), k=k, p=p[k])
            else:
                label = t("Test digit #{i}: {digit}, predicted {k} ({p:.1%})  — wrong",
                          i=i, digit=a_digit(yte[i]), k=k, p=p[k])
            yield Event("forward", label,
                        rf"\hat{{y}} = \mathrm{{softmax}}(z), \quad \hat{{y}}_{{{k}}} = {fmt(p[k], 3)}",
                        arrays={"image": Xte[i].reshape(8, 8), "probs": p},
                        values={"index": i, "label": int(yte[i]), "predicted": k})
        wrong = np.flatnonzero(pred != yte)
        shown = wrong[:12]
        examples = t(", ").join(t("#{i} {digit} read as {predicted}", i=i, digit=a_digit(yte[i]), predicted=pred[i])
                                for i in shown[:4])
        yield Event("info", (t("{n} test digits are wrong: {examples}", n=len(wrong), examples=examples) if len(wrong)
                             else t("{n} test digits are wrong", n=len(wrong))),
                    "", arrays={"wrong_images": Xte[shown].reshape(-1, 8, 8), "wrong_labels": yte[shown],
                                "wrong_preds": pred[shown], "wrong_index": shown},
                    values={"wrong": int(len(wrong))})
        yield from self._fgsm(net, Xte, yte, pred, first)
        yield Event("done", t("Done: test accuracy {acc:.4f}, {wrong} wrong of {n}; "
                              "tab to the grid to draw a digit or browse the test set with [ and ]",
                              acc=acc, wrong=len(wrong), n=len(yte)),
                    rf"{accuracy} = \frac{{{int(np.trace(m))}}}{{{len(yte)}}} = {fmt(acc)}",
                    arrays={"confusion": m}, values={"test_acc": acc, "wrong": int(len(wrong))})

    def _fgsm(self, net, Xte, yte, pred, first) -> Iterator[Event]:
        right = [i for i in range(first, len(Xte)) if pred[i] == yte[i]]
        if not right:
            return
        i = right[0]
        x, label = Xte[i].reshape(8, 8), int(yte[i])
        g = input_gradient(net, x, label)
        yield Event("backward", t("FGSM on test digit #{i} ({digit}): the gradient of the loss with respect to "
                                  "the pixels", i=i, digit=a_digit(label)),
                    r"g = \nabla_x E, \quad " + t(r"\text{{each pixel moves by }} ")
                    + r"\varepsilon \cdot \mathrm{sign}(g)",
                    arrays={"image": x, "grad": g, "sign": np.sign(g)}, values={"index": i, "label": label})
        tries = [self.values["eps"]] if self.values["eps"] > 0 else list(EPS_STEPS)
        for eps in tries:
            adv = fgsm(net, x, label, eps)
            p_adv = probabilities(net, adv)[0]
            if int(np.argmax(p_adv)) != label:
                break
        p = probabilities(net, x)[0]
        after = int(np.argmax(p_adv))
        flipped = after != label
        numbers = {"eps": eps, "label": label, "before": p[label], "after": after, "now": p_adv[after]}
        yield Event("update", (t("x' = x + {eps:g}·sign(g): predicted {label} ({before:.1%}) → {after} ({now:.1%})",
                                 **numbers) if flipped
                               else t("x' = x + {eps:g}·sign(g): predicted {label} ({before:.1%}) → {after} "
                                      "({now:.1%}) — not flipped; try a larger eps", **numbers)),
                    rf"x' = \mathrm{{clip}}(x + {eps:g} \cdot \mathrm{{sign}}(\nabla_x E), 0, 1), \quad "
                    rf"\max_j |x'_j - x_j| = {fmt(np.abs(adv - x).max(), 2)}",
                    arrays={"image": adv, "original": x, "probs": p_adv, "probs_before": p},
                    values={"index": i, "label": label, "eps": float(eps), "predicted": after,
                            "flipped": flipped, "confidence": float(p_adv[after])})

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("Digits: 64-{hidden}-10 MLP (ReLU, softmax + cross-entropy), {optimizer} η = {lr:g}, "
                "batch {batch}, {epochs} epochs, seed {seed}", hidden=v["hidden"], optimizer=v["optimizer"],
                lr=v["lr"], batch=v["batch"], epochs=v["epochs"], seed=v["seed"]), file=out)
        for e in self.run():
            val, a = e.values, e.arrays
            if e.kind == "info" and EpochValues.of(e) is not None:
                print(epoch_line(EpochValues.of(e)), file=out)
            elif e.kind == "info" and "confusion" in a:
                print(t("Test accuracy: {acc:.4f}", acc=val["test_acc"]), file=out)
                print(t("Confusion matrix (rows: true digit, columns: predicted):"), file=out)
                print("\n".join("  " + line for line in confusion_lines(a["confusion"], val["names"])),
                      file=out)
            elif e.kind == "forward":
                print(f"\n{e.label}", file=out)
                for art, bar in zip(ascii_digit(a["image"]) + [""] * 2, prob_lines(a["probs"])):
                    print(f"  |{art}|{bar}" if art else f"   {'':16} {bar}", file=out)
            elif e.kind == "info" and "wrong" in val:
                print("\n" + t("Wrong: {n} test digits", n=val["wrong"]), file=out)
                for i, d, p in zip(a["wrong_index"], a["wrong_labels"], a["wrong_preds"]):
                    print("  " + t("#{i}: {digit}, predicted {predicted}", i=i, digit=a_digit(d), predicted=p), file=out)
            elif e.kind == "backward":
                print(f"\n{e.label}", file=out)
            elif e.kind == "update":
                flipped = t("flipped") if val["flipped"] else t("not flipped")
                print(t("FGSM: eps = {eps:g}, prediction {label} -> {predicted} ({flipped}), confidence {confidence:.3f}",
                        eps=val["eps"], label=val["label"], predicted=val["predicted"], flipped=flipped,
                        confidence=val["confidence"]), file=out)
                for left, right in zip(ascii_digit(a["original"]), ascii_digit(a["image"])):
                    print(f"  |{left}|  ->  |{right}|", file=out)
            elif e.kind == "info":
                print(e.label, file=out)
            elif e.kind == "diverged":
                from tutor.labs.kit.training import diverged_reason

                print(t("{label}: {reason}", label=e.label, reason=diverged_reason(val)), file=out)
            elif e.kind == "done":
                print("\n" + t("Done: test accuracy {acc:.4f}, {wrong} wrong", acc=val["test_acc"], wrong=val["wrong"]),
                      file=out)
