"""The overfitting lab's panels: the toggles, training and validation loss, the learned curve and the points."""
from __future__ import annotations

import math

from tutor.labs.kit.toggles import Toggles
from tutor.labs.kit.training import epoch_series
from tutor.locale import t
from tutor.widgets.plot import Plot


class LossCurves(Plot):
    """log10 of the training and validation loss per epoch."""

    def __init__(self, title: str, **kwargs) -> None:
        super().__init__(title, **kwargs)
        self.names = (("train_loss", lambda v: v.train_loss, t("training"), "blue"),
                      ("val_loss", lambda v: v.val_loss, t("validation"), "red"))

    def show(self, event, history) -> None:
        for key, pick, label, colour in self.names:
            xs, ys = epoch_series(history, pick)
            self.set_series(key, xs, [math.log10(y) if y > 0 else float("nan") for y in ys], label=label,
                            color=colour)

    def reset(self) -> None:
        self.clear()


class FitPlot(Plot):
    def __init__(self, title: str, **kwargs) -> None:
        super().__init__(title, **kwargs)
        self.network = t("network")
        self.points = t("training points")

    def show(self, event, history) -> None:
        a = event.arrays
        if "target" not in a:
            return
        self.set_series("target", list(a["x"]), list(a["target"]), label="sin x", color="gray")
        self.set_series("network", list(a["x"]), list(a["y"]), label=self.network, color="green")
        self.set_series("points", list(a["points_x"]), list(a["points_y"]), "scatter", label=self.points,
                        color="yellow", marker="●")
        self.set_limits(ylim=(-2.0, 2.0))

    def reset(self) -> None:
        self.clear()


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    toggles = Toggles(lab, [
        ("l", "l2", (0.0, 0.01), "L2"),
        ("d", "dropout", (0.0, 0.2), t("Dropout")),
        ("e", "patience", (0, 50), t("Early stop")),
        ("h", "hidden", (3, 8, 32, 128), t("Hidden")),
        ("n", "points", (10, 30, 100), t("Points")),
    ])
    return [toggles,
            LossCurves(t("log10 loss: training and validation"), xlabel=t("epoch")),
            FitPlot(t("sin x, the training points and the network"), xlabel="x")]
