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

LESSON = {
    "line": ([1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1]),
    "quadratic": ([-2, -1, 0, 1, 2], [7, 3, 1, 1, 3]),
}
PRINT_EVERY = 100


def numbers(name: str, text: str) -> np.ndarray:
    """'1, 2, 3' or '1 2 3' -> array; a clear message for anything else."""
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    try:
        values = np.array([float(p) for p in parts], dtype=float)
    except ValueError:
        raise LabError(f"lab regression: {name}={text!r}: expected numbers separated by commas, e.g. {name}=1,2,3") \
            from None
    if not np.all(np.isfinite(values)):
        raise LabError(f"lab regression: {name}={text!r}: every number must be finite")
    return values


class RegressionLab(Lab):
    name = "regression"
    title = "Regression: least squares and a parabola by gradient descent"
    title_zh = "回归：最小二乘与梯度下降拟合抛物线"
    summary = "Fit a line in closed form (the sums put in), or ŷ = a x² − b x + c by gradient descent on (a, b, c)."
    params = (
        Param("mode", "line", "line (closed form) or quadratic (gradient descent)", kind=str,
              choices=("line", "quadratic")),
        Param("x", "", "your own x values, e.g. x=1,2,3,4 (default: the lesson's points)", kind=str,
              items=MAX_ITEMS),
        Param("y", "", "your own y values, as many as x", kind=str, items=MAX_ITEMS),
        Param("noisy", 0, "instead: this many seeded noisy points near y = x² − 2x + 1 (or 2x + 1 for a line)",
              kind=int, low=0, high=500),
        Param("seed", 0, "seed of the noisy points", kind=int, low=0, high=2**31 - 1),
        Param("lr", 0.02, "learning rate of the parabola fit", low=1e-12, high=1e3),
        Param("steps", 1000, "gradient-descent steps of the parabola fit", kind=int, low=1, high=100_000),
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
            raise LabError(f"lab regression: {x.size} x values but {y.size} y values; give as many of each")
        if x.size < need:
            raise LabError(f"lab regression: a {mode} needs at least {need} points, got {x.size}")
        if mode == "line" and np.all(x == x[0]):
            raise LabError("lab regression: all x are equal, so no single line fits best; vary x")
        if mode == "line":
            with np.errstate(all="ignore"):
                if not all(np.isfinite(least_squares_line(x, y))):
                    raise LabError("lab regression: these numbers are too large to fit (the sums overflow); "
                                   "scale them down")
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
        common = {"w": w, "b": b}
        yield Event("info", self.tr(f"{n} points; the line ŷ = w x + b with the least squared error",
                                    f"{n} 个点；找平方误差最小的直线 ŷ = w x + b"),
                    r"E(w, b) = \sum_{i=1}^{n} (w x_i + b - y_i)^2",
                    arrays={"x": x, "y": y}, values={"what": "data", "n": n}, step=0)
        yield Event("info", self.tr("The four sums the closed form needs", "公式解要用到的四个和"),
                    rf"n = {n},\ \sum x = {fmt(sx)},\ \sum y = {fmt(sy)},\ \sum xy = {fmt(sxy)},\ \sum x^2 = {fmt(sxx)}",
                    arrays={"x": x, "y": y},
                    values={"what": "sums", "n": n, "sx": sx, "sy": sy, "sxy": sxy, "sxx": sxx}, step=1)
        yield Event("info", self.tr(f"Slope w = {fmt(w)}", f"斜率 w = {fmt(w)}"),
                    rf"w = \frac{{n\sum xy - \sum x \sum y}}{{n \sum x^2 - (\sum x)^2}} = "
                    rf"\frac{{{n} \cdot {fmt(sxy)} - {fmt_factor(sx)} \cdot {fmt_factor(sy)}}}"
                    rf"{{{n} \cdot {fmt(sxx)} - {fmt_factor(sx)}^2}}"
                    rf" = {fmt(w)}", arrays={"x": x, "y": y}, values={"what": "slope", **common}, step=2)
        yield Event("info", self.tr(f"Intercept b = {fmt(b)}", f"截距 b = {fmt(b)}"),
                    rf"b = \frac{{\sum y - w \sum x}}{{n}} = \frac{{{fmt(sy)} - {fmt_factor(w)} \cdot {fmt_factor(sx)}}}"
                    rf"{{{n}}} = {fmt(b)} \quad (= \bar y - w \bar x = {fmt(y.mean())} - {fmt_factor(w)} \cdot "
                    rf"{fmt_factor(x.mean())})",
                    arrays={"x": x, "y": y}, values={"what": "intercept", **common}, step=3)
        residuals = w * x + b - y
        yield Event("info", self.tr(f"What is left: squared error E = {fmt(sse)}", f"剩下的平方误差 E = {fmt(sse)}"),
                    rf"E = \sum (w x_i + b - y_i)^2 = {fmt(sse)}",
                    arrays={"x": x, "y": y, "residuals": residuals}, values={"what": "error", "sse": sse, **common},
                    step=4)
        line = f"ŷ = {fmt(w)} x {'+' if b >= 0 else '−'} {fmt(abs(b))}"
        yield Event("done", self.tr(f"Best line: {line}", f"最佳直线：{line}"), "",
                    arrays={"x": x, "y": y, "residuals": residuals}, values={"what": "line", "sse": sse, **common},
                    step=5)

    def _quadratic(self) -> Iterator[Event]:
        x, y = self.x, self.y
        v = self.values
        yield Event("info", self.tr(f"{x.size} points; fit ŷ = a x² − b x + c, starting from a = b = c = 0",
                                    f"{x.size} 个点；拟合 ŷ = a x² − b x + c，从 a = b = c = 0 出发"),
                    r"L(a, b, c) = \frac{1}{n} \sum_{i=1}^{n} (a x_i^2 - b x_i + c - y_i)^2",
                    arrays={"x": x, "y": y}, values={"what": "data", "a": 0.0, "b": 0.0, "c": 0.0}, step=0)
        n = 1
        for e in quadratic_fit_events(x, y, lr=float(v["lr"]), steps=int(v["steps"])):
            yield Event(e.kind, e.label, e.formula, arrays=e.arrays, values=e.values, step=n)
            n += 1

    # --- plain text -------------------------------------------------------------------
    def plain(self, out: TextIO) -> None:
        x, y = self.x, self.y
        xs, ys = ", ".join(f"{a:g}" for a in x), ", ".join(f"{a:g}" for a in y)
        print(self.tr(f"Data: n = {x.size}, x = {xs}; y = {ys}", f"数据：n = {x.size}，x = {xs}；y = {ys}"), file=out)
        if self.values["mode"] == "line":
            self._plain_line(out)
        else:
            self._plain_quadratic(out)

    def _plain_line(self, out: TextIO) -> None:
        tr = self.tr
        for e in self.run():
            v = e.values
            what = v.get("what")
            if what == "sums":
                sep = tr(", ", "，")
                print(tr("Sums: ", "各项和：") + f"n = {v['n']}{sep}Σx = {v['sx']:g}{sep}Σy = {v['sy']:g}{sep}"
                      f"Σxy = {v['sxy']:g}{sep}Σx² = {v['sxx']:g}", file=out)
                sums = v
            elif what == "slope":
                s = sums
                print(tr("slope", "斜率") + f" w = (n Σxy − Σx Σy) / (n Σx² − (Σx)²) = "
                      f"({s['n']}*{s['sxy']:g} − {s['sx']:g}*{s['sy']:g})"
                      f" / ({s['n']}*{s['sxx']:g} − {s['sx']:g}²) = {v['w']:.6f}", file=out)
            elif what == "intercept":
                print(tr("intercept", "截距") + f" b = (Σy − w Σx) / n = {v['b']:.6f}", file=out)
            elif what == "error":
                print(tr("squared error", "平方误差") + f" E = {v['sse']:.6f}", file=out)
            elif what == "line":
                b = plus(f"{v['b']:.6f}")
                print(tr("Best line: ", "最佳直线：") + f"y = {v['w']:.6f} x {b}", file=out)

    def _plain_quadratic(self, out: TextIO) -> None:
        v, tr = self.values, self.tr
        steps = int(v["steps"])
        sep = tr(", ", "，")
        print(tr(f"Fit y = a x² − b x + c by gradient descent, learning rate {v['lr']:g}, {steps} steps, "
                 "from a = b = c = 0",
                 f"用梯度下降拟合 y = a x² − b x + c，学习率 {v['lr']:g}，{steps} 步，从 a = b = c = 0 出发"), file=out)
        held = None         # the last step not printed: shown before a divergence, so no step goes missing
        for e in self.run():
            a = e.values
            if e.kind == "update":
                k = a["step"]
                line = (tr(f"Step {k}: ", f"第 {k} 步：")
                        + f"L = {a['loss']:.6f}{sep}dL/da = {a['dA']:.6f}{sep}dL/db = {a['dB']:.6f}{sep}"
                        f"dL/dc = {a['dC']:.6f} -> a = {a['a']:.6f}{sep}b = {a['b']:.6f}{sep}c = {a['c']:.6f}")
                held = None
                if k < 5 or (k + 1) % PRINT_EVERY == 0 or k == steps - 1:
                    print(line, file=out)
                else:
                    held = line
            elif e.kind == "done":
                print(tr(f"Fitted after {a['steps']} steps: ", f"{a['steps']} 步后拟合完成：")
                      + f"a = {a['a']:.6f}{sep}b = {a['b']:.6f}{sep}c = {a['c']:.6f}{sep}L = {a['loss']:.3g}",
                      file=out)
            elif e.kind == "diverged":
                if held:
                    print(held, file=out)
                print(tr(f"Diverged at step {a['step']}: the loss grew without bound; try a smaller learning rate",
                         f"在第 {a['step']} 步发散：损失无限增大；请换一个更小的学习率"), file=out)
