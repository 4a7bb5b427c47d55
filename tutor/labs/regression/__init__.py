"""Lab `regression`: least squares for a line (the closed form with the numbers in),
and a parabola ŷ = a x² − b x + c fitted by gradient descent on (a, b, c).

The numbers are the engine's: engine.descent.least_squares_line and
engine.descent.quadratic_fit_events (its ∂L/∂a, ∂L/∂b, ∂L/∂c each step).
The default points are the lesson's: a line through (1, 2.1) … (5, 10.1) and
the parabola points (−2, 7) … (2, 3), which lie exactly on x² − x + 1.
"""
from __future__ import annotations

import re
from typing import Iterator, TextIO

import numpy as np

from engine.descent import least_squares_line, quadratic_fit_events
from engine.events import Event, fmt, fmt_factor
from tutor.labs.kit.lab import MAX_ITEMS, Lab, LabError, Param
from tutor.labs.kit.text import plus
from tutor.labs.regression.payload import (
    Coefficients,
    DataValues,
    ErrorValues,
    FitDivergedValues,
    FitDoneValues,
    InterceptValues,
    LineValues,
    SlopeValues,
    SumsValues,
    UpdateValues,
    line_values,
)
from tutor.locale import N_, t, translated

LESSON = {
    "line": ([1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1]),
    "quadratic": ([-2, -1, 0, 1, 2], [7, 3, 1, 1, 3]),
}
PRINT_EVERY = 100
FEW_POINTS = {"line": N_("lab regression: a line needs at least {need} points, got {got}"),
              "quadratic": N_("lab regression: a quadratic needs at least {need} points, got {got}")}


def numbers(name: str, text: str) -> np.ndarray:
    """'1, 2, 3' or '1 2 3' -> array; a clear message for anything else."""
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    try:
        values = np.array([float(p) for p in parts], dtype=float)
    except ValueError:
        raise LabError(t("lab regression: {name}={text}: expected numbers separated by commas, e.g. {name}=1,2,3",
                         name=name, text=repr(text))) from None
    if not np.all(np.isfinite(values)):
        raise LabError(t("lab regression: {name}={text}: every number must be finite", name=name, text=repr(text)))
    return values


class RegressionLab(Lab):
    name = "regression"
    title = N_("Regression: least squares and a parabola by gradient descent")
    summary = "Fit a line in closed form (the sums put in), or ŷ = a x² − b x + c by gradient descent on (a, b, c)."
    params = (
        Param("mode", "line", N_("line (closed form) or quadratic (gradient descent)"), kind=str,
              choices=("line", "quadratic")),
        Param("x", "", N_("your own x values, e.g. x=1,2,3,4 (default: the lesson's points)"), kind=str,
              items=MAX_ITEMS),
        Param("y", "", N_("your own y values, as many as x"), kind=str, items=MAX_ITEMS),
        Param("noisy", 0, N_("instead: this many seeded noisy points near y = x² − 2x + 1 (or 2x + 1 for a line)"),
              kind=int, low=0, high=500),
        Param("seed", 0, N_("seed of the noisy points"), kind=int, low=0, high=2**31 - 1),
        Param("lr", 0.02, N_("learning rate of the parabola fit"), low=1e-12, high=1e3),
        Param("steps", 1000, N_("gradient-descent steps of the parabola fit"), kind=int, low=1, high=100_000),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        v = self.values
        mode = v["mode"]
        if str(v["x"]).strip() or str(v["y"]).strip():
            x, y = numbers("x", str(v["x"])), numbers("y", str(v["y"]))
        elif int(v["noisy"]) > 0:
            from engine.data import noisy_quadratic

            a = 1.0 if mode == "quadratic" else 0.0
            b = 2.0 if mode == "quadratic" else -2.0
            xs, ys = noisy_quadratic(n=int(v["noisy"]), a=a, b=b, c=1.0, noise=0.5, seed=int(v["seed"]))
            x, y = xs.ravel(), ys.ravel()
        else:
            x, y = (np.array(a, dtype=float) for a in LESSON[mode])
        need = 2 if mode == "line" else 3
        if x.size != y.size:
            raise LabError(t("lab regression: {x} x values but {y} y values; give as many of each", x=x.size, y=y.size))
        if x.size < need:
            raise LabError(translated(FEW_POINTS[mode], need=need, got=x.size))
        if mode == "line" and np.all(x == x[0]):
            raise LabError(t("lab regression: all x are equal, so no single line fits best; vary x"))
        if mode == "line":
            with np.errstate(all="ignore"):
                if not all(np.isfinite(least_squares_line(x, y))):
                    raise LabError(t("lab regression: these numbers are too large to fit (the sums overflow); "
                                     "scale them down"))
        self.x, self.y = x, y

    # --- the run ------------------------------------------------------------------
    def run(self) -> Iterator[Event]:
        return self._line() if self.values["mode"] == "line" else self._quadratic()

    def _line(self) -> Iterator[Event]:
        x, y = self.x, self.y
        n = x.size
        sx, sy, sxy, sxx = x.sum(), y.sum(), (x * y).sum(), (x * x).sum()
        w, b = least_squares_line(x, y)
        sse = float(((w * x + b - y) ** 2).sum())
        yield Event("info", t("{n} points; the line ŷ = w x + b with the least squared error", n=n),
                    r"E(w, b) = \sum_{i=1}^{n} (w x_i + b - y_i)^2",
                    arrays={"x": x, "y": y}, values=DataValues(n).values(), step=0)
        yield Event("info", t("The four sums the closed form needs"),
                    rf"n = {n},\ \sum x = {fmt(sx)},\ \sum y = {fmt(sy)},\ \sum xy = {fmt(sxy)},\ \sum x^2 = {fmt(sxx)}",
                    arrays={"x": x, "y": y},
                    values=SumsValues(n, sx, sy, sxy, sxx).values(), step=1)
        yield Event("info", t("Slope w = {w}", w=fmt(w)),
                    rf"w = \frac{{n\sum xy - \sum x \sum y}}{{n \sum x^2 - (\sum x)^2}} = "
                    rf"\frac{{{n} \cdot {fmt(sxy)} - {fmt_factor(sx)} \cdot {fmt_factor(sy)}}}"
                    rf"{{{n} \cdot {fmt(sxx)} - {fmt_factor(sx)}^2}}"
                    rf" = {fmt(w)}", arrays={"x": x, "y": y}, values=SlopeValues(w, b).values(), step=2)
        yield Event("info", t("Intercept b = {b}", b=fmt(b)),
                    rf"b = \frac{{\sum y - w \sum x}}{{n}} = \frac{{{fmt(sy)} - {fmt_factor(w)} \cdot {fmt_factor(sx)}}}"
                    rf"{{{n}}} = {fmt(b)} \quad (= \bar y - w \bar x = {fmt(y.mean())} - {fmt_factor(w)} \cdot "
                    rf"{fmt_factor(x.mean())})",
                    arrays={"x": x, "y": y}, values=InterceptValues(w, b).values(), step=3)
        residuals = w * x + b - y
        yield Event("info", t("What is left: squared error E = {sse}", sse=fmt(sse)),
                    rf"E = \sum (w x_i + b - y_i)^2 = {fmt(sse)}",
                    arrays={"x": x, "y": y, "residuals": residuals}, values=ErrorValues(w, b, sse).values(),
                    step=4)
        line = f"ŷ = {fmt(w)} x {'+' if b >= 0 else '−'} {fmt(abs(b))}"
        yield Event("done", t("Best line: {line}", line=line), "",
                    arrays={"x": x, "y": y, "residuals": residuals}, values=LineValues(w, b, sse).values(),
                    step=5)

    def _quadratic(self) -> Iterator[Event]:
        x, y = self.x, self.y
        v = self.values
        yield Event("info", t("{n} points; fit ŷ = a x² − b x + c, starting from a = b = c = 0", n=x.size),
                    r"L(a, b, c) = \frac{1}{n} \sum_{i=1}^{n} (a x_i^2 - b x_i + c - y_i)^2",
                    arrays={"x": x, "y": y}, values=Coefficients(0.0, 0.0, 0.0).values(what="data"), step=0)
        n = 1
        for e in quadratic_fit_events(x, y, lr=float(v["lr"]), steps=int(v["steps"])):
            yield Event(e.kind, e.label, e.formula, arrays=e.arrays, values=e.values, step=n)
            n += 1

    # --- plain text -------------------------------------------------------------------
    def plain(self, out: TextIO) -> None:
        x, y = self.x, self.y
        xs, ys = ", ".join(f"{a:g}" for a in x), ", ".join(f"{a:g}" for a in y)
        print(t("Data: n = {n}, x = {xs}; y = {ys}", n=x.size, xs=xs, ys=ys), file=out)
        if self.values["mode"] == "line":
            self._plain_line(out)
        else:
            self._plain_quadratic(out)

    def _plain_line(self, out: TextIO) -> None:
        for e in self.run():
            v = line_values(e)
            if isinstance(v, SumsValues):
                print(t("Sums: n = {n}, Σx = {sx:g}, Σy = {sy:g}, Σxy = {sxy:g}, Σx² = {sxx:g}",
                        n=v.n, sx=v.sx, sy=v.sy, sxy=v.sxy, sxx=v.sxx), file=out)
                s = v
            elif isinstance(v, SlopeValues):
                print(t("slope w = (n Σxy − Σx Σy) / (n Σx² − (Σx)²) = ({n}*{sxy:g} − {sx:g}*{sy:g})"
                        " / ({n}*{sxx:g} − {sx:g}²) = {w:.6f}",
                        n=s.n, sxy=s.sxy, sx=s.sx, sy=s.sy, sxx=s.sxx, w=v.w), file=out)
            elif isinstance(v, InterceptValues):
                print(t("intercept b = (Σy − w Σx) / n = {b:.6f}", b=v.b), file=out)
            elif isinstance(v, ErrorValues):
                print(t("squared error E = {sse:.6f}", sse=v.sse), file=out)
            elif isinstance(v, LineValues):
                b = plus(f"{v.b:.6f}")
                print(t("Best line: {line}", line=f"y = {v.w:.6f} x {b}"), file=out)

    def _plain_quadratic(self, out: TextIO) -> None:
        v = self.values
        steps = int(v["steps"])
        print(t("Fit y = a x² − b x + c by gradient descent, learning rate {lr:g}, {steps} steps, from a = b = c = 0",
                lr=v["lr"], steps=steps), file=out)
        held = None         # the last step not printed: shown before a divergence, so no step goes missing
        for e in self.run():
            if e.kind == "update":
                a = UpdateValues.of(e)
                k = a.step
                line = t("Step {step}: L = {loss:.6f}, dL/da = {dA:.6f}, dL/db = {dB:.6f}, dL/dc = {dC:.6f} "
                         "-> a = {a:.6f}, b = {b:.6f}, c = {c:.6f}", step=k, loss=a.loss, dA=a.dA, dB=a.dB,
                         dC=a.dC, a=a.a, b=a.b, c=a.c)
                held = None
                if k < 5 or (k + 1) % PRINT_EVERY == 0 or k == steps - 1:
                    print(line, file=out)
                else:
                    held = line
            elif e.kind == "done":
                a = FitDoneValues.of(e)
                print(t("Fitted after {steps} steps: a = {a:.6f}, b = {b:.6f}, c = {c:.6f}, L = {loss:.3g}",
                        steps=a.steps, a=a.a, b=a.b, c=a.c, loss=a.loss), file=out)
            elif e.kind == "diverged":
                if held:
                    print(held, file=out)
                print(t("Diverged at step {step}: the loss grew without bound; try a smaller learning rate",
                        step=FitDivergedValues.of(e).step), file=out)
