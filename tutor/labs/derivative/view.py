"""The derivative lab's panel: f with its tangent, then f′ and f″ (imported only by tutor.labs.panels_for())."""
from __future__ import annotations

import math

import numpy as np
from textual.containers import Vertical
from textual.widgets import Static

from engine.events import fmt
from tutor.labs.derivative import bend_classes
from tutor.labs.derivative.payload import ApproxValues, step_values
from tutor.locale import t
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

    DEFAULT_CSS = """
    DerivativePanel { height: 1fr; }
    DerivativePanel > #derivative-readout { height: auto; margin: 0 0 1 0; }
    DerivativePanel > Plot { height: 1fr; min-height: 8; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        # the panel's keys for the stepper's footer, in the student's language
        self.KEYS = [("h", "left", t("Point ←")), ("l", "right", t("Point →"))]
        self.lab = lab
        self.curve = lab.curve
        self.xs, self.fs, self.d1, self.d2 = lab.curve.table(lab.lo, lab.hi, 241)
        self.ylim = y_window(self.fs)
        self.step = (lab.hi - lab.lo) / 60
        self.x0 = lab.x0
        self.marks: list[tuple[float, str]] = []

    def compose(self):
        yield Static("", id="derivative-readout", markup=False)
        yield Plot(t("f(x) and its tangent"), id="derivative-f")
        yield Plot(t("f′(x) and f″(x)   (f″ > 0 convex, f″ < 0 concave)"), id="derivative-d")

    def on_mount(self) -> None:
        d = self.query_one("#derivative-d", Plot)
        d.set_series("zero", [self.lab.lo, self.lab.hi], [0, 0], color="gray", label="")
        d.set_series("f'", self.xs, self.d1, color="blue")
        classes = bend_classes(self.xs, self.fs, self.d2)     # rounding noise is not a bend
        convex = np.where(classes > 0, self.d2, np.nan)
        concave = np.where(classes < 0, self.d2, np.nan)
        d.set_series("f'' > 0: convex", self.xs, convex, "scatter", color="green",
                     label=t("f'' > 0: convex"))
        d.set_series("f'' < 0: concave", self.xs, concave, "scatter", color="red",
                     label=t("f'' < 0: concave"))
        d.set_limits(xlim=(self.lab.lo, self.lab.hi), ylim=y_window(np.concatenate([self.d1, self.d2])))
        f = self.query_one("#derivative-f", Plot)
        f.set_series("f", self.xs, self.fs, color="cyan")
        f.set_limits(xlim=(self.lab.lo, self.lab.hi), ylim=self.ylim)
        self.marks = [(x, k) for x, k in self.lab.critical()]
        if self.marks:
            xs = [x for x, _ in self.marks]
            f.set_series("critical points", xs, [self.curve.value(x) for x in xs], "scatter",
                         color="yellow", marker="o", label=t("critical points"))
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
        v = step_values(event)
        if v is not None and math.isfinite(v.x0):
            self.x0 = float(v.x0)
        self.redraw(event)

    def redraw(self, event=None) -> None:
        if not self.is_mounted:
            return
        c, x0 = self.curve, self.x0
        value, slope, bend = c.value(x0), c.slope(x0), c.bend(x0)
        f = self.query_one("#derivative-f", Plot)
        readout = self.query_one("#derivative-readout", Static)
        if not (math.isfinite(value) and math.isfinite(slope)):
            f.remove_series("tangent")
            f.remove_series("point")
            readout.update(t("x0 = {x0}: f is not defined here   (h/l move the point)", x0=fmt(x0)))
            return
        ends = np.array([self.lab.lo, self.lab.hi])
        f.set_series("tangent", ends, value + slope * (ends - x0), color="orange", label=t("tangent"))
        f.set_series("point", [x0], [value], "scatter", color="white", marker="●", label=t("point"))
        if math.isfinite(bend):
            shape = (t("convex here") if bend > 1e-6 else t("concave here") if bend < -1e-6 else t("no bend here"))
        else:
            shape = t("f'' undefined here")
        tangent = (f"y = {fmt(value)} {'+' if slope >= 0 else '−'} {fmt(abs(slope))}·(x {'−' if x0 >= 0 else '+'} "
                   f"{fmt(abs(x0))})")
        head = f"x0 = {fmt(x0)}   f(x0) = {fmt(value)}   f'(x0) = {fmt(slope)}   f''(x0) = {fmt(bend)}"
        lines = [t("{numbers}   ({shape})", numbers=head, shape=shape),
                 t("tangent: {tangent}    keys: h/l move the point", tangent=tangent)]
        v = step_values(event) if event is not None else None
        if isinstance(v, ApproxValues):       # the tangent's estimate next to the true value at x
            f.set_series("estimate", [v.x], [v.estimate], "scatter", color="orange", marker="◆",
                         label=t("estimate"))
            f.set_series("exact", [v.x], [v.exact], "scatter", color="green", marker="◆",
                         label=t("exact"))
            lines.append(t("f({x}) ≈ {estimate}   exact {exact}   error {error:.2e}",
                           x=fmt(v.x), estimate=fmt(v.estimate, 6), exact=fmt(v.exact, 6), error=v.error))
        else:
            f.remove_series("estimate")
            f.remove_series("exact")
        readout.update("\n".join(lines))


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [DerivativePanel(lab)]
