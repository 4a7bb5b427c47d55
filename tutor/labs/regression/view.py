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
        tr, line = self.lab.tr, self.mode == "line"
        yield Plot(tr("data and the fitted " + ("line" if line else "parabola"),
                          "数据与拟合的" + ("直线" if line else "抛物线")), id="regression-fit")
        second = (tr("residuals ŷ − y", "残差 ŷ − y") if line
                  else tr("loss L (log10) per step", "每一步的损失 L（log10）"))
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
                       label=self.lab.tr("data", "数据"))

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
        v, tr = event.values, self.lab.tr
        fit = self.query_one("#regression-fit", Plot)
        readout = self.query_one("#regression-readout", Static)
        if "w" in v and v.get("what") != "slope":
            fit.set_series("fit", self.grid, v["w"] * self.grid + v["b"], color="orange",
                           label=f"ŷ = {fmt(v['w'])}x + {fmt(v['b'])}")
        elif "w" in v:   # the slope alone: through the centre of the data (x̄, ȳ), as b = ȳ − w x̄ will say
            mx, my = float(self.lab.x.mean()), float(self.lab.y.mean())
            fit.set_series("fit", self.grid, my + v["w"] * (self.grid - mx), color="orange",
                           label=tr("slope w through (x̄, ȳ)", "过 (x̄, ȳ) 的斜率 w"))
        else:
            fit.remove_series("fit")
        residuals = event.arrays.get("residuals")
        second = self.query_one("#regression-second", Plot)
        if residuals is not None:
            second.set_series("residuals", self.lab.x, residuals, "bar", color="red", label=tr("residuals", "残差"))
        else:
            second.clear()
        if v.get("what") == "sums":
            text = (f"n = {v['n']}   Σx = {v['sx']:g}   Σy = {v['sy']:g}   Σxy = {v['sxy']:g}   Σx² = {v['sxx']:g}")
        elif "w" in v:
            text = f"w = {fmt(v['w'])}   b = {fmt(v['b'])}" + (f"   E = {fmt(v['sse'])}" if "sse" in v else "")
        else:
            text = tr(f"{len(self.lab.x)} points", f"{len(self.lab.x)} 个点")
        readout.update(text)

    def _show_quadratic(self, event, history) -> None:
        v, tr = event.values, self.lab.tr
        fit = self.query_one("#regression-fit", Plot)
        readout = self.query_one("#regression-readout", Static)
        a, b, c = v.get("a", 0.0), v.get("b", 0.0), v.get("c", 0.0)
        if all(math.isfinite(t) for t in (a, b, c)):
            fit.set_series("fit", self.grid, a * self.grid ** 2 - b * self.grid + c, color="orange",
                           label="ŷ = a x² − b x + c")
        steps = [e.values["step"] for e in history if e.kind == "update"]
        losses = [math.log10(e.values["loss"]) if e.values["loss"] > 0 else -30.0
                  for e in history if e.kind == "update"]
        second = self.query_one("#regression-second", Plot)
        second.set_series("log10 L", steps, losses, color="green")
        text = Text()
        text.append(f"a = {fmt(a)}   b = {fmt(b)}   c = {fmt(c)}\n", style="bold")
        if event.kind == "update":
            text.append(tr(f"step {v['step']}:  L = {v['loss']:.6g}\n", f"第 {v['step']} 步：L = {v['loss']:.6g}\n"))
            text.append(f"∂L/∂a = {fmt(v['dA'])}   ∂L/∂b = {fmt(v['dB'])}   ∂L/∂c = {fmt(v['dC'])}")
        elif event.kind == "done":
            text.append(tr(f"fitted after {v['steps']} steps, L = {v['loss']:.3g}",
                           f"{v['steps']} 步后拟合完成，L = {v['loss']:.3g}"), style="green")
        elif event.kind == "diverged":
            text.append(tr(f"diverged at step {v['step']}: try a smaller learning rate",
                           f"在第 {v['step']} 步发散：请换一个更小的学习率"), style="bold red")
        readout.update(text)


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [RegressionPanel(lab)]
