"""The fit lab's panels: the learned curve against the target, and the loss."""
from __future__ import annotations

import numpy as np

from tutor.labs.kit.training import epoch_series
from tutor.locale import t
from tutor.widgets.plot import Plot


class CurvePlot(Plot):
    def show(self, event, history) -> None:
        for e in [event] + list(reversed(history)):
            if "target" in e.arrays:
                a = e.arrays
                self.set_series("target", list(a["x"]), list(a["target"]), label=t("target"))
                self.set_series("learned", list(a["x"]), list(a["y"]), label=t("network"))
                return

    def reset(self) -> None:
        self.clear()


class LossPlot(Plot):
    """log10 of the loss per epoch: the later epochs are still visible."""

    def show(self, event, history) -> None:
        xs, ys = epoch_series(history, lambda v: v.train_loss)
        logs = [float(np.log10(y)) if y > 0 else float("nan") for y in ys]
        self.set_series("log10 E", xs, logs)

    def reset(self) -> None:
        self.clear()


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [CurvePlot(t("target and network"), xlabel="x"), LossPlot("log10 E", xlabel=t("epoch"))]
