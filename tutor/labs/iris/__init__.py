"""Lab `iris`: a 4-8-3 softmax network learns the three iris species.

The four measurements are standardised with the training set's mean and
standard deviation (so no feature dominates by its units), the split is
stratified (every species in the test set), the loss is softmax +
cross-entropy.  The decision regions are drawn on two chosen features with
the other two held at their training mean — a slice through the network's
four-dimensional decision regions.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, LabError, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.training import (
    EpochValues,
    confusion,
    confusion_lines,
    epoch_events,
    epoch_line,
    make_optimizer,
    numbered,
)
from tutor.locale import N_, t, translated

FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
GRID = 48                      # decision-region pixels per side
# names in text (the values of x and y, and the data's class names, stay as they are)
FEATURE_NAMES = {"sepal_length": N_("sepal_length"), "sepal_width": N_("sepal_width"),
                 "petal_length": N_("petal_length"), "petal_width": N_("petal_width")}
SPECIES_NAMES = {"setosa": N_("setosa"), "versicolor": N_("versicolor"), "virginica": N_("virginica")}


def feature_name(feature: str) -> str:
    return translated(FEATURE_NAMES[feature])


@dataclass(frozen=True)
class SplitValues(Payload):
    """The first event: how many flowers to train on and to test on."""
    train: int
    test: int


@dataclass(frozen=True)
class TestValues(Payload):
    """The trained network on the test set (arrays: "confusion" and the decision regions)."""
    test_acc: float
    names: tuple[str, ...]     # the species, as the data names them: the confusion matrix's rows


@dataclass(frozen=True)
class DoneValues(Payload):
    test_acc: float
    train_acc: float


def species_names(names) -> list[str]:
    return [translated(SPECIES_NAMES[n]) if n in SPECIES_NAMES else n for n in names]


class IrisLab(Lab):
    name = "iris"
    title = N_("Iris: a 4-8-3 softmax network")
    summary = N_("Train a small classifier on iris: loss and accuracy, confusion matrix, decision regions.")
    params = (
        Param("epochs", 200, N_("training epochs (full batch)"), int, low=1, high=5000),
        Param("lr", 0.01, N_("learning rate η"), low=1e-6, high=1e6),
        Param("hidden", 8, N_("hidden units"), int, low=1, high=64),
        Param("x", "petal_length", N_("feature on the horizontal axis of the regions"), str, choices=FEATURES),
        Param("y", "petal_width", N_("feature on the vertical axis of the regions"), str, choices=FEATURES),
        Param("test", 0.3, N_("fraction of the flowers kept for testing"), low=0.1, high=0.5),
        Param("optimizer", "adam", N_("update rule (plain SGD can diverge with a large η)"), str,
              choices=("adam", "sgd")),
        Param("seed", 0, N_("seed of the split and the weights"), int, low=0, high=10**6),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        if self.values["x"] == self.values["y"]:
            raise LabError(t("lab iris: x and y are both {feature}; choose two different features",
                             feature=self.values["x"]))
        self.model = None

    # --- data and network ---------------------------------------------------
    def data(self):
        from engine.data import iris, train_test_split

        d = iris()
        Xtr, Xte, ytr, yte = train_test_split(d.X, d.y, test_size=self.values["test"],
                                              seed=self.values["seed"], stratify=True)
        mean, std = Xtr.mean(axis=0), Xtr.std(axis=0)
        return (Xtr - mean) / std, (Xte - mean) / std, ytr, yte, mean, std, d.target_names

    def network(self):
        from engine.layers import Dense, Tanh
        from engine.network import Sequential

        h, seed = self.values["hidden"], self.values["seed"]
        return Sequential([Dense(4, h, init="xavier", rng=seed), Tanh(), Dense(h, 3, init="xavier", rng=seed + 1)])

    def regions(self, net, Xtr, ytr, mean, std) -> dict:
        """Predicted class on a grid over features x, y (others at their mean), plus the points."""
        fx, fy = FEATURES.index(self.values["x"]), FEATURES.index(self.values["y"])
        lo = Xtr[:, [fx, fy]].min(axis=0) - 0.5
        hi = Xtr[:, [fx, fy]].max(axis=0) + 0.5
        gx, gy = np.linspace(lo[0], hi[0], GRID), np.linspace(hi[1], lo[1], GRID)   # top row = large y
        xx, yy = np.meshgrid(gx, gy)
        points = np.zeros((GRID * GRID, 4))           # standardised: 0 is the training mean
        points[:, fx], points[:, fy] = xx.ravel(), yy.ravel()
        classes = net.predict(points).argmax(axis=1).reshape(GRID, GRID)
        # the training flowers on the same grid (row, column)
        cols = np.clip(np.round((Xtr[:, fx] - lo[0]) / (hi[0] - lo[0]) * (GRID - 1)), 0, GRID - 1).astype(int)
        rows = np.clip(np.round((hi[1] - Xtr[:, fy]) / (hi[1] - lo[1]) * (GRID - 1)), 0, GRID - 1).astype(int)
        return {"regions": classes, "point_rows": rows, "point_cols": cols, "point_classes": ytr,
                "x_range": np.array([lo[0], hi[0]]) * std[fx] + mean[fx],
                "y_range": np.array([lo[1], hi[1]]) * std[fy] + mean[fy]}

    # --- the run ----------------------------------------------------------------
    def optimizer(self):
        return make_optimizer(self.values["optimizer"], self.values["lr"])

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def _events(self) -> Iterator[Event]:
        from engine.training import iter_fit

        v = self.values
        Xtr, Xte, ytr, yte, mean, std, names = self.data()
        net = self.model = self.network()
        yield Event("info", t("Iris: {train} flowers to train on, {test} to test; 4-{hidden}-3 network",
                              train=len(Xtr), test=len(Xte), hidden=v["hidden"]),
                    r"\hat{y} = \mathrm{softmax}(W_2 \tanh(W_1 x + b_1) + b_2), \quad "
                    r"E = -\frac{1}{n}\sum_n \sum_k t_k \ln \hat{y}_k",
                    values=SplitValues(len(Xtr), len(Xte)).values())
        every = max(1, v["epochs"] // 40)
        histories = iter_fit(net, Xtr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             validation=(Xte, yte), seed=v["seed"])
        for e in epoch_events(histories, every=every, arrays=lambda: self.regions(net, Xtr, ytr, mean, std)):
            yield e
            if e.kind == "diverged":
                return
        pred = net.predict(Xte).argmax(axis=1)
        m = confusion(yte, pred, 3)
        acc = float(np.mean(pred == yte))
        train_acc = float(np.mean(net.predict(Xtr).argmax(axis=1) == ytr))
        yield Event("info", t("Confusion matrix on the {n} test flowers", n=len(yte)),
                    t(r"\text{{accuracy}} = \frac{{\text{{correct}}}}{{n}}")
                    + rf" = \frac{{{int(np.trace(m))}}}{{{len(yte)}}} "
                    rf"= {fmt(acc, 3)}",
                    arrays={"confusion": m, **self.regions(net, Xtr, ytr, mean, std)},
                    values=TestValues(acc, tuple(names)).values())
        yield Event("done", t("Done: test accuracy {test:.3f}, training accuracy {train:.3f}", test=acc, train=train_acc),
                    "",
                    arrays={"confusion": m}, values=DoneValues(acc, train_acc).values())

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("Iris, 4-{hidden}-3 network (tanh, softmax + cross-entropy, {optimizer} η = {lr:g}), "
                "{epochs} epochs, test fraction {test:g}, seed {seed}", hidden=v["hidden"], optimizer=v["optimizer"],
                lr=v["lr"], epochs=v["epochs"], test=v["test"], seed=v["seed"]), file=out)
        for e in self.run():
            epoch, tested, done = EpochValues.of(e), TestValues.of(e), DoneValues.of(e)
            if e.kind == "info" and epoch is not None:
                print(epoch_line(epoch, width=5), file=out)
            elif e.kind == "info" and tested is not None:
                print(t("Confusion matrix (rows: true species, columns: predicted):"), file=out)
                names = species_names(tested.names)
                print("\n".join("  " + line for line in confusion_lines(e.arrays["confusion"], names)),
                      file=out)
                print(t("Decision regions on {x} × {y} (other features at their mean; "
                        "s = setosa, c = versicolor, v = virginica):", x=feature_name(v["x"]), y=feature_name(v["y"])),
                      file=out)
                print("\n".join("  " + line for line in region_lines(e.arrays)), file=out)
            elif e.kind == "info":
                print(e.label, file=out)
            elif e.kind == "diverged":
                from tutor.labs.kit.training import diverged_reason

                print(t("{label}: {reason}", label=e.label, reason=diverged_reason(e.values)), file=out)
            elif done is not None:
                print(t("Test accuracy: {acc:.4f}", acc=done.test_acc), file=out)
                print(t("Training accuracy: {acc:.4f}", acc=done.train_acc), file=out)


def region_lines(arrays, step: int = 3) -> list[str]:
    """The regions as letters (s, c, v = setosa, versicolor, virginica), every `step`-th pixel."""
    letters = np.array(list("scv"))
    regions = arrays["regions"][::step * 2, ::step]
    return ["".join(row) for row in letters[regions]]
