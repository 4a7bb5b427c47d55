"""The regression lab's panel: the data with the current line or parabola, the
residuals (line) or the loss curve (parabola), and the three partial derivatives
of the step on show (imported only by tutor.labs.panels_for())."""
from __future__ import annotations

import math

import numpy as np
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from engine.events import fmt
from tutor.labs.regression.payload import (
    Coefficients,
    FitDivergedValues,
    FitDoneValues,
    LineError,
    LineFit,
    SlopeValues,
    SumsValues,
    UpdateValues,
    line_values,
)
from tutor.locale import t
from tutor.widgets.plot import Plot


class RegressionPanel(Vertical):
    DEFAULT_CSS = """
    RegressionPanel { height: 1fr; }
    RegressionPanel > #regression-readout { height: auto; margin: 0 0 1 0; }
    RegressionPanel > Plot { height: 1fr; min-height: 8; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab
        self.mode = lab.values["mode"]
        x, y = lab.x, lab.y
        pad = 0.1 * (x.max() - x.min() or 1.0)
        self.xlim = (float(x.min() - pad), float(x.max() + pad))
        ypad = 0.25 * (y.max() - y.min() or 1.0)
        # headroom on top: plotext puts the legend in the top-left corner
        self.ylim = (float(y.min() - ypad), float(y.max() + 2.5 * ypad))
        self.grid = np.linspace(*self.xlim, 121)

    def compose(self):
        yield Static("", id="regression-readout")
        line = self.mode == "line"
        yield Plot(t("data and the fitted line") if line else t("data and the fitted parabola"), id="regression-fit")
        second = t("residuals ŷ − y") if line else t("loss L (log10) per step")
        yield Plot(second, id="regression-second")

    def on_mount(self) -> None:
        fit = self.query_one("#regression-fit", Plot)
        self._data_on_top()
        fit.set_limits(xlim=self.xlim, ylim=self.ylim)

    def _data_on_top(self) -> None:
        """Drawn last, so the fitted curve never hides a data point."""
        fit = self.query_one("#regression-fit", Plot)
        fit.remove_series("data")
        fit.set_series("data", self.lab.x, self.lab.y, "scatter", color="cyan", marker="●",
                       label=t("data"))

    def reset(self) -> None:
        self.query_one("#regression-fit", Plot).remove_series("fit")
        self.query_one("#regression-second", Plot).clear()
        self.query_one("#regression-readout", Static).update("")

    def show(self, event, history) -> None:
        if self.mode == "line":
            self._show_line(event)
        else:
            self._show_quadratic(event, history)
        self._data_on_top()

    def _show_line(self, event) -> None:
        v = line_values(event)
        fit = self.query_one("#regression-fit", Plot)
        readout = self.query_one("#regression-readout", Static)
        if isinstance(v, SlopeValues):   # the slope alone: through the centre of the data (x̄, ȳ), as b = ȳ − w x̄ will say
            mx, my = float(self.lab.x.mean()), float(self.lab.y.mean())
            fit.set_series("fit", self.grid, my + v.w * (self.grid - mx), color="orange",
                           label=t("slope w through (x̄, ȳ)"))
        elif isinstance(v, LineFit):
            fit.set_series("fit", self.grid, v.w * self.grid + v.b, color="orange",
                           label=f"ŷ = {fmt(v.w)}x + {fmt(v.b)}")
        else:
            fit.remove_series("fit")
        residuals = event.arrays.get("residuals")
        second = self.query_one("#regression-second", Plot)
        if residuals is not None:
            second.set_series("residuals", self.lab.x, residuals, "bar", color="red", label=t("residuals"))
        else:
            second.clear()
        if isinstance(v, SumsValues):
            text = (f"n = {v.n}   Σx = {v.sx:g}   Σy = {v.sy:g}   Σxy = {v.sxy:g}   Σx² = {v.sxx:g}")
        elif isinstance(v, LineFit):
            text = f"w = {fmt(v.w)}   b = {fmt(v.b)}" + (f"   E = {fmt(v.sse)}" if isinstance(v, LineError) else "")
        else:
            text = t("{n} points", n=len(self.lab.x))
        readout.update(text)

    def _show_quadratic(self, event, history) -> None:
        v = Coefficients.of(event) or Coefficients(0.0, 0.0, 0.0)
        fit = self.query_one("#regression-fit", Plot)
        readout = self.query_one("#regression-readout", Static)
        a, b, c = v.a, v.b, v.c
        if all(math.isfinite(t) for t in (a, b, c)):
            fit.set_series("fit", self.grid, a * self.grid ** 2 - b * self.grid + c, color="orange",
                           label="ŷ = a x² − b x + c")
        updates = [UpdateValues.of(e) for e in history if e.kind == "update"]
        steps = [u.step for u in updates]
        losses = [math.log10(u.loss) if u.loss > 0 else -30.0 for u in updates]
        second = self.query_one("#regression-second", Plot)
        second.set_series("log10 L", steps, losses, color="green")
        text = Text()
        text.append(f"a = {fmt(a)}   b = {fmt(b)}   c = {fmt(c)}\n", style="bold")
        if event.kind == "update":
            u = UpdateValues.of(event)
            text.append(t("step {step}:  L = {loss:.6g}", step=u.step, loss=u.loss) + "\n")
            text.append(f"∂L/∂a = {fmt(u.dA)}   ∂L/∂b = {fmt(u.dB)}   ∂L/∂c = {fmt(u.dC)}")
        elif event.kind == "done":
            done = FitDoneValues.of(event)
            text.append(t("fitted after {steps} steps, L = {loss:.3g}", steps=done.steps, loss=done.loss), style="green")
        elif event.kind == "diverged":
            text.append(t("diverged at step {step}: try a smaller learning rate", step=FitDivergedValues.of(event).step),
                        style="bold red")
        readout.update(text)


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [RegressionPanel(lab)]
