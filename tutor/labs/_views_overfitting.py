"""The overfitting lab's panels: the toggles, training and validation loss, the learned curve and the points."""
from __future__ import annotations

import math

from tutor.labs._labs2 import history_series
from tutor.labs._views_toggles import Toggles
from tutor.widgets.plot import Plot


class LossCurves(Plot):
    """log10 of the training and validation loss per epoch."""

    def show(self, event, history) -> None:
        for key, label, colour in (("train_loss", "training", "blue"), ("val_loss", "validation", "red")):
            xs, ys = history_series(history, key)
            self.set_series(key, xs, [math.log10(y) if y > 0 else float("nan") for y in ys], label=label,
                            color=colour)

    def reset(self) -> None:
        self.clear()


class FitPlot(Plot):
    def show(self, event, history) -> None:
        a = event.arrays
        if "target" not in a:
            return
        self.set_series("target", list(a["x"]), list(a["target"]), label="sin x", color="gray")
        self.set_series("network", list(a["x"]), list(a["y"]), label="network", color="green")
        self.set_series("points", list(a["points_x"]), list(a["points_y"]), "scatter", label="training points",
                        color="yellow", marker="●")
        self.set_limits(ylim=(-2.0, 2.0))

    def reset(self) -> None:
        self.clear()


def overfitting_panels(lab) -> list:
    toggles = Toggles(lab, [
        ("l", "l2", (0.0, 0.01), "L2"),
        ("d", "dropout", (0.0, 0.2), "Dropout"),
        ("e", "patience", (0, 50), "Early stop"),
        ("h", "hidden", (3, 8, 32, 128), "Hidden"),
        ("n", "points", (10, 30, 100), "Points"),
    ])
    return [toggles, LossCurves("log10 loss: training and validation", xlabel="epoch"),
            FitPlot("sin x, the training points and the network", xlabel="x")]
