"""The derivative lab's panel: f with its tangent, then f′ and f″ (imported only by tutor.labs.panels_for())."""
from __future__ import annotations

import math

import numpy as np
from textual.containers import Vertical
from textual.widgets import Static

from engine.events import fmt
from tutor.labs.derivative import bend_classes
from tutor.widgets.plot import Plot


def y_window(values: np.ndarray, pad: float = 0.08) -> tuple[float, float]:
    """A y range that shows the curve without letting a pole (ln x near 0) flatten it."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = np.percentile(finite, [1, 99]) if finite.size > 50 else (finite.min(), finite.max())
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    margin = (hi - lo) * pad
    return float(lo - margin), float(hi + margin)


class DerivativePanel(Vertical):
    """`h`/`l` move the point; every step may move it too (to a critical point, say)."""

    KEYS = [("h", "left", "Point ←", "点 ←"), ("l", "right", "Point →", "点 →")]
    DEFAULT_CSS = """
    DerivativePanel { height: 1fr; }
    DerivativePanel > #derivative-readout { height: auto; margin: 0 0 1 0; }
    DerivativePanel > Plot { height: 1fr; min-height: 8; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab
        self.curve = lab.curve
        self.xs, self.fs, self.d1, self.d2 = lab.curve.table(lab.lo, lab.hi, 241)
        self.ylim = y_window(self.fs)
        self.step = (lab.hi - lab.lo) / 60
        self.x0 = lab.x0
        self.marks: list[tuple[float, str]] = []

    def compose(self):
        yield Static("", id="derivative-readout", markup=False)
        tr = self.lab.tr
        yield Plot(tr("f(x) and its tangent", "f(x) 及其切线"), id="derivative-f")
        yield Plot(tr("f'(x) and f''(x)   (f'' > 0 convex, f'' < 0 concave)",
                      "f'(x) 与 f''(x)   （f'' > 0 凸，f'' < 0 凹）"), id="derivative-d")

    def on_mount(self) -> None:
        tr = self.lab.tr
        d = self.query_one("#derivative-d", Plot)
        d.set_series("zero", [self.lab.lo, self.lab.hi], [0, 0], color="gray", label="")
        d.set_series("f'", self.xs, self.d1, color="blue")
        classes = bend_classes(self.xs, self.fs, self.d2)     # rounding noise is not a bend
        convex = np.where(classes > 0, self.d2, np.nan)
        concave = np.where(classes < 0, self.d2, np.nan)
        d.set_series("f'' > 0: convex", self.xs, convex, "scatter", color="green",
                     label=tr("f'' > 0: convex", "f'' > 0：凸"))
        d.set_series("f'' < 0: concave", self.xs, concave, "scatter", color="red",
                     label=tr("f'' < 0: concave", "f'' < 0：凹"))
        d.set_limits(xlim=(self.lab.lo, self.lab.hi), ylim=y_window(np.concatenate([self.d1, self.d2])))
        f = self.query_one("#derivative-f", Plot)
        f.set_series("f", self.xs, self.fs, color="cyan")
        f.set_limits(xlim=(self.lab.lo, self.lab.hi), ylim=self.ylim)
        self.marks = [(x, k) for x, k in self.lab.critical()]
        if self.marks:
            xs = [x for x, _ in self.marks]
            f.set_series("critical points", xs, [self.curve.value(x) for x in xs], "scatter",
                         color="yellow", marker="o", label=tr("critical points", "临界点"))
        self.redraw()

    # --- keys and steps --------------------------------------------------------
    def action_left(self) -> None:
        self.move(self.x0 - self.step)

    def action_right(self) -> None:
        self.move(self.x0 + self.step)

    def move(self, x: float) -> None:
        self.x0 = min(max(x, self.lab.lo), self.lab.hi)
        self.redraw()

    def reset(self) -> None:
        self.x0 = self.lab.x0
        self.redraw()

    def show(self, event, history) -> None:
        x0 = event.values.get("x0")
        if x0 is not None and math.isfinite(x0):
            self.x0 = float(x0)
        self.redraw(event)

    def redraw(self, event=None) -> None:
        if not self.is_mounted:
            return
        c, x0, tr = self.curve, self.x0, self.lab.tr
        value, slope, bend = c.value(x0), c.slope(x0), c.bend(x0)
        f = self.query_one("#derivative-f", Plot)
        readout = self.query_one("#derivative-readout", Static)
        if not (math.isfinite(value) and math.isfinite(slope)):
            f.remove_series("tangent")
            f.remove_series("point")
            readout.update(tr(f"x0 = {fmt(x0)}: f is not defined here   (h/l move the point)",
                              f"x0 = {fmt(x0)}：f 在这里没有定义   （h/l 移动点）"))
            return
        ends = np.array([self.lab.lo, self.lab.hi])
        f.set_series("tangent", ends, value + slope * (ends - x0), color="orange", label=tr("tangent", "切线"))
        f.set_series("point", [x0], [value], "scatter", color="white", marker="●", label=tr("point", "点"))
        if math.isfinite(bend):
            shape = (tr("convex here", "这里是凸的") if bend > 1e-6 else tr("concave here", "这里是凹的")
                     if bend < -1e-6 else tr("no bend here", "这里不弯"))
        else:
            shape = tr("f'' undefined here", "f'' 在这里没有定义")
        tangent = (f"y = {fmt(value)} {'+' if slope >= 0 else '−'} {fmt(abs(slope))}·(x {'−' if x0 >= 0 else '+'} "
                   f"{fmt(abs(x0))})")
        head = f"x0 = {fmt(x0)}   f(x0) = {fmt(value)}   f'(x0) = {fmt(slope)}   f''(x0) = {fmt(bend)}"
        lines = [tr(f"{head}   ({shape})", f"{head}   （{shape}）"),
                 tr(f"tangent: {tangent}    keys: h/l move the point", f"切线：{tangent}    按键：h/l 移动点")]
        approx = event is not None and event.values.get("what") == "approx"
        if approx:       # the tangent's estimate next to the true value at x
            v = event.values
            f.set_series("estimate", [v["x"]], [v["estimate"]], "scatter", color="orange", marker="◆",
                         label=tr("estimate", "估计值"))
            f.set_series("exact", [v["x"]], [v["exact"]], "scatter", color="green", marker="◆",
                         label=tr("exact", "精确值"))
        else:
            f.remove_series("estimate")
            f.remove_series("exact")
        if approx:
            v = event.values
            lines.append(tr(f"f({fmt(v['x'])}) ≈ {fmt(v['estimate'], 6)}   exact {fmt(v['exact'], 6)}   "
                            f"error {v['error']:.2e}",
                            f"f({fmt(v['x'])}) ≈ {fmt(v['estimate'], 6)}   精确值 {fmt(v['exact'], 6)}   "
                            f"误差 {v['error']:.2e}"))
        readout.update("\n".join(lines))


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [DerivativePanel(lab)]
