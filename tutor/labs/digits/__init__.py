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
from tutor.labs.digits.payload import (
    DataValues,
    DigitValues,
    DoneValues,
    FgsmValues,
    GradientValues,
    TestValues,
    WrongValues,
)
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.training import (
    DivergedValues,
    EpochValues,
    confusion,
    confusion_lines,
    digits_split,
    diverged_event,
    diverged_reason,
    epoch_event,
    epoch_line,
    epoch_payloads,
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

    # --- drive the engine: train, test, browse, attack -----------------------------------
    def _drive(self) -> Iterator[tuple[Payload, dict]]:
        """(what happened, its arrays), in order: the data, each epoch (DivergedValues ends the
        run), then the trained network on the test set (_test)."""
        from engine.training import iter_fit

        v = self.values
        Xtr, Xte, ytr, yte = self.data()
        net = self.model = self.network()
        self.trained = False
        self.test_set = (Xte, yte)
        yield DataValues(len(Xtr), len(Xte), net.param_count()), {}
        histories = iter_fit(net, Xtr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             batch_size=v["batch"], validation=(Xte, yte), seed=v["seed"])
        for epoch in epoch_payloads(histories):
            yield epoch, {}
            if isinstance(epoch, DivergedValues):
                return
        self.trained = True
        yield from self._test(net, Xte, yte)

    def _test(self, net, Xte, yte) -> Iterator[tuple[Payload, dict]]:
        """Accuracy and confusion matrix, the digits to browse, the wrong ones, FGSM, the end."""
        P = probabilities(net, Xte)
        pred = P.argmax(axis=1)
        acc = float(np.mean(pred == yte))
        m = confusion(yte, pred, 10)
        yield TestValues(acc, tuple(str(d) for d in range(10))), {"confusion": m}
        first = min(self.values["show"], len(Xte) - 1)
        for i in range(first, min(first + self.values["browse"], len(Xte))):
            yield DigitValues(i, int(yte[i]), int(pred[i])), {"image": Xte[i].reshape(8, 8), "probs": P[i]}
        wrong = np.flatnonzero(pred != yte)
        shown = wrong[:12]
        yield WrongValues(int(len(wrong))), {"wrong_images": Xte[shown].reshape(-1, 8, 8), "wrong_labels": yte[shown],
                                             "wrong_preds": pred[shown], "wrong_index": shown}
        yield from self._fgsm(net, Xte, yte, pred, first)
        yield DoneValues(acc, int(len(wrong))), {"confusion": m}

    def _fgsm(self, net, Xte, yte, pred, first) -> Iterator[tuple[Payload, dict]]:
        """The first test digit from `first` on that the network reads right, moved by the
        smallest ε that flips it (or the student's ε)."""
        right = [i for i in range(first, len(Xte)) if pred[i] == yte[i]]
        if not right:
            return
        i = right[0]
        x, label = Xte[i].reshape(8, 8), int(yte[i])
        g = input_gradient(net, x, label)
        yield GradientValues(i, label), {"image": x, "grad": g, "sign": np.sign(g)}
        tries = [self.values["eps"]] if self.values["eps"] > 0 else list(EPS_STEPS)
        for eps in tries:
            adv = fgsm(net, x, label, eps)
            p_adv = probabilities(net, adv)[0]
            if int(np.argmax(p_adv)) != label:
                break
        after = int(np.argmax(p_adv))
        yield (FgsmValues(i, label, float(eps), after, after != label, float(p_adv[after])),
               {"image": adv, "original": x, "probs": p_adv, "probs_before": probabilities(net, x)[0]})

    # --- narrate: a caption and a formula for each thing that happened --------------------
    def _events(self) -> Iterator[Event]:
        say = {DataValues: self._say_data, EpochValues: lambda v, arrays: epoch_event(v),
               DivergedValues: lambda v, arrays: diverged_event(v), TestValues: self._say_test,
               DigitValues: self._say_digit, WrongValues: self._say_wrong, GradientValues: self._say_gradient,
               FgsmValues: self._say_fgsm, DoneValues: self._say_done}
        for what, arrays in self._drive():
            yield say[type(what)](what, arrays)

    def _say_data(self, v: DataValues, arrays) -> Event:
        return Event("info", t("{train} digits to train on, {test} to test; 64-{hidden}-10 network, "
                               "{parameters} parameters", train=v.train, test=v.test, hidden=self.values["hidden"],
                               parameters=v.parameters),
                     r"\hat{y} = \mathrm{softmax}(W_2\, \mathrm{ReLU}(W_1 x + b_1) + b_2), \quad "
                     r"E = -\frac{1}{n}\sum_n \ln \hat{y}_{n,t_n}", values=v.values())

    @staticmethod
    def _accuracy(acc: float, m) -> str:
        """accuracy = right / n = acc, the formula of the test and done events."""
        accuracy = t(r"\text{{accuracy}}")
        return rf"{accuracy} = \frac{{{int(np.trace(m))}}}{{{int(m.sum())}}} = {fmt(acc)}"

    def _say_test(self, v: TestValues, arrays) -> Event:
        m = arrays["confusion"]
        return Event("info", t("Test accuracy {acc:.4f}: {right} of {n} right", acc=v.test_acc,
                               right=int(np.trace(m)), n=int(m.sum())),
                     self._accuracy(v.test_acc, m), arrays=arrays, values=v.values())

    @staticmethod
    def _say_digit(v: DigitValues, arrays) -> Event:
        k, p = v.predicted, arrays["probs"]
        numbers = dict(i=v.index, digit=a_digit(v.label), k=k, p=p[k])
        return Event("forward", (t("Test digit #{i}: {digit}, predicted {k} ({p:.1%})", **numbers) if k == v.label
                                 else t("Test digit #{i}: {digit}, predicted {k} ({p:.1%})  — wrong", **numbers)),
                     rf"\hat{{y}} = \mathrm{{softmax}}(z), \quad \hat{{y}}_{{{k}}} = {fmt(p[k], 3)}",
                     arrays=arrays, values=v.values())

    @staticmethod
    def _say_wrong(v: WrongValues, arrays) -> Event:
        first = zip(arrays["wrong_index"][:4], arrays["wrong_labels"], arrays["wrong_preds"])
        examples = t(", ").join(t("#{i} {digit} read as {predicted}", i=i, digit=a_digit(d), predicted=p)
                                for i, d, p in first)
        return Event("info", (t("{n} test digits are wrong: {examples}", n=v.wrong, examples=examples) if v.wrong
                              else t("{n} test digits are wrong", n=v.wrong)), "", arrays=arrays, values=v.values())

    @staticmethod
    def _say_gradient(v: GradientValues, arrays) -> Event:
        return Event("backward", t("FGSM on test digit #{i} ({digit}): the gradient of the loss with respect to "
                                   "the pixels", i=v.index, digit=a_digit(v.label)),
                     r"g = \nabla_x E, \quad " + t(r"\text{{each pixel moves by }} ")
                     + r"\varepsilon \cdot \mathrm{sign}(g)", arrays=arrays, values=v.values())

    @staticmethod
    def _say_fgsm(v: FgsmValues, arrays) -> Event:
        numbers = {"eps": v.eps, "label": v.label, "before": arrays["probs_before"][v.label], "after": v.predicted,
                   "now": v.confidence}
        moved = np.abs(arrays["image"] - arrays["original"]).max()
        return Event("update", (t("x' = x + {eps:g}·sign(g): predicted {label} ({before:.1%}) → {after} ({now:.1%})",
                                  **numbers) if v.flipped
                                else t("x' = x + {eps:g}·sign(g): predicted {label} ({before:.1%}) → {after} "
                                       "({now:.1%}) — not flipped; try a larger eps", **numbers)),
                     rf"x' = \mathrm{{clip}}(x + {v.eps:g} \cdot \mathrm{{sign}}(\nabla_x E), 0, 1), \quad "
                     rf"\max_j |x'_j - x_j| = {fmt(moved, 2)}", arrays=arrays, values=v.values())

    def _say_done(self, v: DoneValues, arrays) -> Event:
        m = arrays["confusion"]
        return Event("done", t("Done: test accuracy {acc:.4f}, {wrong} wrong of {n}; "
                               "tab to the grid to draw a digit or browse the test set with [ and ]",
                               acc=v.test_acc, wrong=v.wrong, n=int(m.sum())),
                     self._accuracy(v.test_acc, m), arrays=arrays, values=v.values())

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("Digits: 64-{hidden}-10 MLP (ReLU, softmax + cross-entropy), {optimizer} η = {lr:g}, "
                "batch {batch}, {epochs} epochs, seed {seed}", hidden=v["hidden"], optimizer=v["optimizer"],
                lr=v["lr"], batch=v["batch"], epochs=v["epochs"], seed=v["seed"]), file=out)
        for e in self.run():
            print("\n".join(_plain_lines(e)), file=out)


def _plain_lines(e: Event) -> list[str]:
    """What --plain prints for one event."""
    a = e.arrays
    for kind, read in PLAIN:
        v = kind.of(e)
        if v is not None:
            return read(e, v, a)
    return [e.label]            # the first event


def _plain_test(e, v: TestValues, a) -> list[str]:
    return [t("Test accuracy: {acc:.4f}", acc=v.test_acc),
            t("Confusion matrix (rows: true digit, columns: predicted):"),
            *("  " + line for line in confusion_lines(a["confusion"], v.names))]


def _plain_digit(e, v: DigitValues, a) -> list[str]:
    return [f"\n{e.label}"] + [f"  |{art}|{bar}" if art else f"   {'':16} {bar}"
                               for art, bar in zip(ascii_digit(a["image"]) + [""] * 2, prob_lines(a["probs"]))]


def _plain_wrong(e, v: WrongValues, a) -> list[str]:
    return ["\n" + t("Wrong: {n} test digits", n=v.wrong)] + [
        "  " + t("#{i}: {digit}, predicted {predicted}", i=i, digit=a_digit(d), predicted=p)
        for i, d, p in zip(a["wrong_index"], a["wrong_labels"], a["wrong_preds"])]


def _plain_fgsm(e, v: FgsmValues, a) -> list[str]:
    flipped = t("flipped") if v.flipped else t("not flipped")
    return [t("FGSM: eps = {eps:g}, prediction {label} -> {predicted} ({flipped}), confidence {confidence:.3f}",
              eps=v.eps, label=v.label, predicted=v.predicted, flipped=flipped, confidence=v.confidence)] + [
        f"  |{left}|  ->  |{right}|" for left, right in zip(ascii_digit(a["original"]), ascii_digit(a["image"]))]


# (a payload, what --plain prints for an event carrying it): the first that fits wins, so a
# payload comes before those whose fields it includes (Done before Wrong; Fgsm, Digit, Gradient)
PLAIN = (
    (EpochValues, lambda e, v, a: [epoch_line(v)]),
    (TestValues, _plain_test),
    (DoneValues, lambda e, v, a: ["\n" + t("Done: test accuracy {acc:.4f}, {wrong} wrong", acc=v.test_acc,
                                            wrong=v.wrong)]),
    (WrongValues, _plain_wrong),
    (FgsmValues, _plain_fgsm),
    (DigitValues, _plain_digit),
    (GradientValues, lambda e, v, a: [f"\n{e.label}"]),
    (DivergedValues, lambda e, v, a: [t("{label}: {reason}", label=e.label, reason=diverged_reason(e.values))]),
)
