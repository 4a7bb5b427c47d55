"""Lab `derivative`: a function, its tangent at a point, f′ and f″, extremes and bends.

Presets are the course's examples (x², ln x, x³, the quartic with three
critical points, √x for the linear approximation √4.01 ≈ 2.0025, x² + sin x);
`f=...` takes a function the student types.  The numbers come from
engine.descent (derivative, second_derivative, tangent_line, linear_approx,
critical_points); this file only lays them out as steps.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Callable, Iterator, TextIO

import numpy as np

from engine.descent import critical_points, derivative, linear_approx, second_derivative, tangent_line
from engine.events import Event, fmt, fmt_factor
from engine.expression import ExpressionError, parse
from tutor.labs.derivative.payload import (
    ApproxValues,
    CriticalValues,
    FunctionValues,
    InflectionValues,
    ShapeValues,
    TangentValues,
    step_values,
)
from tutor.labs.kit.lab import Lab, LabError, Param
from tutor.labs.kit.text import plus
from tutor.locale import N_, t, translated


@dataclass(frozen=True)
class Preset:
    text: str            # what the parser reads
    latex: str           # f, f', f'' as the lesson writes them
    x0: float
    x: float             # the point the tangent line estimates
    span: tuple          # x range to draw
    coeffs: tuple = ()   # a polynomial's coefficients (highest power first): exact critical points


PRESETS = {
    "square": Preset("x^2", r"f(x) = x^2,\ f'(x) = 2x,\ f''(x) = 2", 1.0, 1.1, (-3.0, 3.0), (1, 0, 0)),
    "ln": Preset("ln(x)", r"f(x) = \ln x,\ f'(x) = \frac{1}{x},\ f''(x) = -\frac{1}{x^2}", 1.0, 1.1, (0.05, 5.0)),
    "cube": Preset("x^3", r"f(x) = x^3,\ f'(x) = 3x^2,\ f''(x) = 6x", 1.0, 1.1, (-2.0, 2.0), (1, 0, 0, 0)),
    "quartic": Preset("x^4 - 4x^3 - 2x^2 + 12x + 5",
                      r"f(x) = x^4 - 4x^3 - 2x^2 + 12x + 5,\ f'(x) = 4x^3 - 12x^2 - 4x + 12,\ "
                      r"f''(x) = 12x^2 - 24x - 4", 0.0, 0.1, (-2.0, 4.0), (1, -4, -2, 12, 5)),
    "sqrt": Preset("sqrt(x)", r"f(x) = \sqrt{x},\ f'(x) = \frac{1}{2\sqrt{x}},\ f''(x) = -\frac{1}{4x^{3/2}}",
                   4.0, 4.01, (0.0, 8.0)),
    "sinsq": Preset("x^2 + sin(x)", r"f(x) = x^2 + \sin x,\ f'(x) = 2x + \cos x,\ f''(x) = 2 - \sin x",
                    1.0, 1.1, (-3.0, 3.0)),
}
# what a critical point is: in a step's caption, and in --plain
EXTREMES = {"minimum": N_("local minimum"), "maximum": N_("local maximum")}
KINDS = {"minimum": N_("minimum"), "maximum": N_("maximum"), "no extremum": N_("no extremum")}
FLAT = 1e-9          # |f''| below this counts as "no bend" (a straight piece)
SAMPLES = 601        # grid points for curves, sign changes and regions


class Curve:
    """f, f′ and f″ of one function, all from the engine's difference quotients."""

    def __init__(self, f: Callable, text: str) -> None:
        self.f, self.text = f, text

    def value(self, x: float) -> float:
        with np.errstate(all="ignore"):
            return float(self.f(x))

    def slope(self, x: float) -> float:
        return derivative(self.f, x, method="central")

    def bend(self, x: float) -> float:
        return second_derivative(self.f, x)

    def table(self, lo: float, hi: float, n: int = SAMPLES) -> tuple[np.ndarray, ...]:
        """x, f, f′, f″ on a grid; nan where f is not defined (the views drop those)."""
        xs = np.linspace(lo, hi, n)
        with np.errstate(all="ignore"):
            fs = np.array([self.value(x) for x in xs])
            d1 = np.array([self.slope(x) for x in xs])
            d2 = np.array([self.bend(x) for x in xs])
        bad = ~(np.isfinite(fs) & np.isfinite(d1))
        d1[bad] = np.nan
        d2[bad | ~np.isfinite(d2)] = np.nan
        return xs, fs, d1, d2


def _bisect(g: Callable, a: float, b: float, iterations: int = 60) -> float:
    """A root of g between a and b, where g(a) and g(b) have opposite signs."""
    ga = g(a)
    for _ in range(iterations):
        m = 0.5 * (a + b)
        gm = g(m)
        if gm == 0:
            return m
        if (gm > 0) == (ga > 0):
            a, ga = m, gm
        else:
            b = m
    return 0.5 * (a + b)


def sign_changes(xs: np.ndarray, ys: np.ndarray, g: Callable) -> list[float]:
    """Where ys (sampled g) crosses zero, each crossing refined by bisection."""
    roots = []
    ys = np.clip(ys, -1e150, 1e150)          # products of huge values must not overflow
    for i in range(len(xs) - 1):
        a, b = ys[i], ys[i + 1]
        if not (np.isfinite(a) and np.isfinite(b)):
            continue
        if a == 0:        # a sample exactly on the root: it counts if the sign flips across it
            if 0 < i and np.isfinite(ys[i - 1]) and ys[i - 1] * b < 0:
                roots.append(float(xs[i]))
        elif a * b < 0:
            root = _bisect(g, float(xs[i]), float(xs[i + 1]))
            # a pole (1/x at 0) also flips the sign: keep only a true zero
            if abs(g(root)) <= 1e-4 * (1 + abs(a) + abs(b)):
                roots.append(root)
    return roots


def bend_classes(xs: np.ndarray, fs: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """+1 convex, -1 concave, 0 straight, nan where f is not defined.

    f″ from a difference quotient carries rounding noise of about 1e-8·|f|
    (we divide by h² = 1e-8), so smaller values count as 0."""
    finite = np.abs(fs[np.isfinite(fs)])
    noise = 1e-6 * (1 + (float(np.percentile(finite, 90)) if finite.size else 0.0))
    classes = np.where(np.isfinite(d2), np.sign(np.where(np.abs(d2) < max(noise, FLAT), 0.0, d2)), np.nan)
    # one sample of f″ = 0 between two of the same sign (x⁴ at 0) does not split a convex piece
    lone = (classes[1:-1] == 0) & (classes[:-2] == classes[2:]) & (classes[:-2] != 0)
    classes[1:-1][lone] = classes[:-2][lone]
    return classes


def regions(xs: np.ndarray, classes: np.ndarray, bend: Callable) -> list[tuple[float, float, str]]:
    """Runs of the grid that are convex (f″ > 0) or concave (f″ < 0), as (from, to, kind).

    Where f″ changes sign between two samples the edge is found by bisection (an
    inflection point, or a pole such as 0 for 1/x); where f stops being defined the
    edge is the last sample where it is."""
    runs: list[list] = []
    for i, c in enumerate(classes):
        key = None if not np.isfinite(c) else int(c)
        if runs and runs[-1][2] == key:
            runs[-1][1] = i
        else:
            runs.append([i, i, key])
    out = []
    for j, (a, b, key) in enumerate(runs):
        if key not in (1, -1) or a == b:      # a lone sample (the kink of |x|) is no piece
            continue
        left, right = float(xs[a]), float(xs[b])
        if j > 0 and runs[j - 1][2] == -key:
            left = _bisect(bend, float(xs[a - 1]), float(xs[a]))
        elif j > 1 and runs[j - 1][2] == 0 and runs[j - 1][0] == a - 1 and runs[j - 2][2] == -key:
            left = float(xs[a - 1])         # one sample exactly on the inflection point
        if j + 1 < len(runs) and runs[j + 1][2] == -key:
            right = _bisect(bend, float(xs[b]), float(xs[b + 1]))
        elif j + 2 < len(runs) and runs[j + 1][2] == 0 and runs[j + 1][1] == b + 1 and runs[j + 2][2] == -key:
            right = float(xs[b + 1])
        out.append((left, right, "convex" if key == 1 else "concave"))
    return out


class DerivativeLab(Lab):
    name = "derivative"
    title = N_("Derivatives: tangent, f′ and f″, extremes and bends")
    summary = "A function with its tangent at a movable point; f, f′, f″; critical points; convex and concave parts."
    params = (
        # the names of PRESETS, written out so the catalog has the whole sentence
        Param("preset", "quartic", N_("a course example: square, ln, cube, quartic, sqrt, sinsq"), kind=str,
              choices=tuple(PRESETS)),
        Param("f", "", N_("your own function of x (overrides preset), e.g. f=x^3 - 3x"), kind=str),
        Param("x0", math.nan, N_("the point of the tangent (default: the preset's)"), low=-1e6, high=1e6),
        Param("x", math.nan, N_("estimate f here with the tangent (default: x0 + 0.1; sqrt: 4.01)"), low=-1e6,
              high=1e6),
        Param("xmin", math.nan, N_("left end of the picture"), low=-1e6, high=1e6),
        Param("xmax", math.nan, N_("right end of the picture"), low=-1e6, high=1e6),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        v = self.values
        preset = PRESETS[v["preset"]]
        typed = str(v["f"]).strip()
        self.preset = None if typed else preset
        text = typed or preset.text
        try:
            function = parse(text, variables=("x",))
        except ExpressionError as exc:
            raise LabError(t("lab derivative: f={text}: {reason}", text=repr(text), reason=exc.message)) from None
        self.curve = Curve(function, text)
        span = (-3.0, 3.0) if typed else preset.span
        given = lambda key, default: default if math.isnan(float(v[key])) else float(v[key])   # noqa: E731
        self.x0 = given("x0", 1.0 if typed else preset.x0)
        self.x = given("x", self.x0 + 0.1 if typed else (preset.x if math.isnan(float(v["x0"])) else self.x0 + 0.1))
        if not span[0] <= self.x0 <= span[1]:      # a point outside: the picture goes with it
            span = (self.x0 - 3.0, self.x0 + 3.0) if typed else (min(span[0], self.x0 - 1), max(span[1], self.x0 + 1))
        self.lo = given("xmin", span[0])
        self.hi = given("xmax", span[1])
        if not self.lo < self.hi:
            raise LabError(t("lab derivative: xmin={xmin:g} must be smaller than xmax={xmax:g}", xmin=self.lo, xmax=self.hi))
        f0 = self.curve.value(self.x0)
        if not math.isfinite(f0) or not math.isfinite(self.curve.slope(self.x0)):
            raise LabError(t("lab derivative: f = {f} is not defined (or has no slope) at x0 = {x0:g}; choose another x0",
                             f=text, x0=self.x0))

    # --- the numbers -----------------------------------------------------------
    def critical(self) -> list[tuple[float, str]]:
        """Critical points in the picture: exact roots for a polynomial preset, else sign changes of f′."""
        if self.preset is not None and self.preset.coeffs:
            found = critical_points(self.preset.coeffs)
        else:
            xs, _, d1, _ = self.curve.table(self.lo, self.hi)
            found = []
            for x in sign_changes(xs, d1, self.curve.slope):
                c = self.curve.bend(x)
                found.append((x, "minimum" if c > 1e-6 else "maximum" if c < -1e-6 else "flat"))
            found.sort()
        points: list[tuple[float, str]] = []
        for x, kind in found:
            if not self.lo <= x <= self.hi or (points and abs(points[-1][0] - x) < 1e-6):
                continue            # outside the picture, or a repeated root (x³ has 0 three times)
            if kind == "flat":      # f″ = 0 cannot decide: look at f′ on both sides
                d = 1e-3 * (self.hi - self.lo)
                left, right = self.curve.slope(x - d), self.curve.slope(x + d)
                kind = "minimum" if left < 0 < right else "maximum" if left > 0 > right else "no extremum"
            points.append((x, kind))
        return points

    def shape(self) -> tuple[list[float], list[tuple[float, float, str]]]:
        """Inflection points (f″ = 0 and changes sign) and the convex/concave pieces."""
        xs, fs, _, d2 = self.curve.table(self.lo, self.hi)
        classes = bend_classes(xs, fs, d2)
        return sign_changes(xs, np.where(classes == 0, 0.0, d2), self.curve.bend), \
            regions(xs, classes, self.curve.bend)

    # --- the run -----------------------------------------------------------------
    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        c, x0, x = self.curve, self.x0, self.x
        n = 0
        latex = self.preset.latex if self.preset else rf"f(x) = {c.text}"
        yield Event("info", t("f(x) = {f} on [{lo}, {hi}]", f=c.text, lo=fmt(self.lo, 2), hi=fmt(self.hi, 2)), latex,
                    values=FunctionValues(x0).values(), step=n)
        n += 1
        f0, slope = tangent_line(c.f, x0)
        bend = c.bend(x0)
        yield Event("info", t("Tangent at x0 = {x0}: slope f'(x0) = {slope}", x0=fmt(x0), slope=fmt(slope)),
                    rf"y = f(x_0) + f'(x_0)(x - x_0) = {fmt(f0)} + {fmt_factor(slope)}\,(x - {fmt_factor(x0)})",
                    values=TangentValues(x0, f0, slope, bend).values(), step=n)
        n += 1
        estimate, exact = linear_approx(c.f, x0, x), c.value(x)
        yield Event("info", t("Linear approximation at x = {x}: {estimate} (exact {exact})",
                              x=fmt(x), estimate=fmt(estimate, 6), exact=fmt(exact, 6)),
                    rf"f({fmt(x)}) \approx f({fmt(x0)}) + f'({fmt(x0)})({fmt(x)} - {fmt_factor(x0)})"
                    rf" = {fmt(f0)} + {fmt_factor(slope)} \cdot {fmt_factor(x - x0)} = {fmt(estimate, 6)}",
                    values=ApproxValues(x0, x, estimate, exact, exact - estimate).values(), step=n)
        n += 1
        for xc, kind in self.critical():
            curvature, fc = c.bend(xc), c.value(xc)
            word = translated(EXTREMES.get(kind, N_("not a minimum or maximum: f' keeps its sign")))
            yield Event("info", t("Critical point x = {x}: {kind}", x=fmt(xc), kind=word),
                        rf"f'({fmt(xc)}) = 0,\ f''({fmt(xc)}) = {fmt(curvature)},\ f({fmt(xc)}) = {fmt(fc)}",
                        values=CriticalValues(xc, kind, curvature, fc).values(), step=n)
            n += 1
        cuts, parts = self.shape()
        for point in cuts:
            yield Event("info", t("Inflection point x = {x}: f'' changes sign", x=fmt(point)),
                        rf"f''({fmt(point)}) = 0", values=InflectionValues(point).values(), step=n)
            n += 1
        yield Event("done", shape_sentence(parts), "",
                    values=ShapeValues(x0, [p[:2] for p in parts if p[2] == "convex"],
                                       [p[:2] for p in parts if p[2] == "concave"]).values(), step=n)

    def plain(self, out: TextIO) -> None:
        c = self.curve
        print(t("f(x) = {f}, x0 = {x0:g}, x = {x:g}, picture [{lo:g}, {hi:g}]",
                f=c.text, x0=self.x0, x=self.x, lo=self.lo, hi=self.hi), file=out)
        for e in self.run():
            v = step_values(e)
            if isinstance(v, TangentValues):
                shift = plus(f"{-v.x0:g}")           # x - x0, as "x + 1" when x0 = -1
                line = f"y = {_g(v.f)} {plus(_g(v.slope))}*(x {shift})"
                print(t("Tangent at x0 = {x0:g}: f(x0) = {f}, f'(x0) = {slope}, f''(x0) = {bend}; {line}",
                        x0=v.x0, f=_g(v.f), slope=_g(v.slope), bend=_g(v.bend), line=line), file=out)
            elif isinstance(v, ApproxValues):
                shift = plus(f"{-v.x0:g}")
                formula = f"f({v.x:g}) ≈ f({v.x0:g}) + f'({v.x0:g})*({v.x:g} {shift}) = {_g(v.estimate)}"
                print(t("Linear approximation: {formula}; exact f({x:g}) = {exact}, error {error:.2e}",
                        formula=formula, x=v.x, exact=_g(v.exact), error=v.error), file=out)
            elif isinstance(v, CriticalValues):
                kind = translated(KINDS[v.kind]) if v.kind in KINDS else v.kind
                print(t("Critical point x = {x}: f''(x) = {bend}, {kind}, f(x) = {f}",
                        x=_g(v.x0), bend=_g(v.bend, 4), kind=kind, f=_g(v.f)), file=out)
            elif isinstance(v, InflectionValues):
                print(t("Inflection point x = {x}", x=_g(v.x0)), file=out)
            elif isinstance(v, ShapeValues):
                print(e.label, file=out)


def shape_sentence(parts: list[tuple[float, float, str]]) -> str:
    """'Convex (f'' > 0) on [a, b]; concave (f'' < 0) on [c, d]' for the picture's range."""
    convex, concave = (_listed([f"[{a:.4g}, {b:.4g}]" for a, b, k in parts if k == kind])
                       for kind in ("convex", "concave"))
    if convex and concave:
        return t("Convex (f'' > 0) on {convex}; concave (f'' < 0) on {concave}", convex=convex, concave=concave)
    if convex:
        return t("Convex (f'' > 0) on {intervals}", intervals=convex)
    if concave:
        return t("Concave (f'' < 0) on {intervals}", intervals=concave)
    return t("f'' is 0 wherever it is defined in the picture: straight pieces only")


def _listed(intervals: list[str]) -> str:
    """"[a, b], [c, d]" in the student's language (Chinese lists with an enumeration comma); "" for none."""
    if not intervals:
        return ""
    return functools.reduce(lambda earlier, one: t("{intervals}, {interval}", intervals=earlier, interval=one), intervals)


def _g(v: float, digits: int = 6) -> str:
    """Fixed decimals for ordinary sizes, powers of ten for huge ones (e^700)."""
    return f"{v:.{digits}f}" if abs(v) < 1e9 else f"{v:.{digits}e}"
