"""Lab `activations`: sigmoid, tanh, ReLU, Leaky ReLU, ELU, GELU and softmax with their
derivatives; a cursor z reads out f(z) and f′(z); the flat (saturated) parts, where
|f′(z)| < 0.01, are found and marked.

Values and derivatives are engine.activations'.  Softmax maps a vector to a
vector, so the lab follows its first output s₁ = softmax(z, o₂, o₃, …)₁ as z
moves, the others held at `others`; its slope ∂s₁/∂z₁ = s₁(1 − s₁) is the
diagonal entry of engine.activations.softmax_jacobian.

The source says "sigmoid′ < 0.01 when |z| > 5" and "tanh′ < 0.1 when |z| > 3":
both true but loose; the lab prints where the slope really drops below the
threshold (|z| > 4.5849 and |z| > 2.9932 for 0.01).
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Callable, Iterator, TextIO

import numpy as np

from engine import activations as act
from engine.events import Event, fmt
from tutor.labs.kit.lab import MAX_ITEMS, Lab, LabError, Param
from tutor.labs.kit.payload import Payload
from tutor.locale import N_, t, translated

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softmax")
# names are the same in every language; a remark in parentheses is translated
TITLES = {"sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "ReLU", "leaky_relu": "Leaky ReLU", "elu": "ELU",
          "gelu": N_("GELU (tanh approximation)"), "softmax": N_("Softmax (first output)")}
DEFAULT_ALPHA = {"leaky_relu": 0.01, "elu": 1.0}
LATEX = {
    "sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}},\ \sigma'(z) = \sigma(z)\,(1 - \sigma(z))",
    "tanh": r"\tanh z = \frac{e^z - e^{-z}}{e^z + e^{-z}},\ \tanh'(z) = 1 - \tanh^2 z",
    "gelu": r"f(z) = \frac{z}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,(z + 0.044715 z^3)\right)\right)",
    "softmax": r"s_1 = \frac{e^{z}}{e^{z} + \sum_j e^{o_j}},\ \frac{\partial s_1}{\partial z_1} = s_1 (1 - s_1)",
}
# Formulas with words in \text{...}: messages, so the words are translated (the mathematics is the
# same).  A message's braces are doubled ({{ }} is one brace once the message is formatted).
LATEX_WORDS = {
    "relu": N_(r"\mathrm{{ReLU}}(z) = \max(0, z),\ \mathrm{{ReLU}}'(z) = 1 \text{{ if }} z > 0 \text{{ else }} 0"),
    "leaky_relu": N_(r"f(z) = z \text{{ if }} z > 0 \text{{ else }} \alpha z,\ f'(z) = 1 \text{{ or }} \alpha"),
    "elu": N_(r"f(z) = z \text{{ if }} z > 0 \text{{ else }} \alpha (e^z - 1),\ f'(z) = 1 \text{{ or }} \alpha e^z"),
}
GRID = 4001


def function_pair(name: str, alpha: float, others: np.ndarray) -> tuple[Callable, Callable]:
    """f and f′ of one activation as functions of a NumPy array z."""
    if name == "softmax":
        def rows(z):
            z = np.atleast_1d(np.asarray(z, dtype=float))
            return np.column_stack([z] + [np.full_like(z, o) for o in others])

        def s1(z):
            return act.softmax(rows(z))[:, 0]

        def ds1(z):
            return act.softmax_jacobian(rows(z))[:, 0, 0]
        return s1, ds1
    f, fp = act.ACTIVATIONS[name]
    if name in DEFAULT_ALPHA:
        return (lambda z: f(z, alpha)), (lambda z: fp(z, alpha))
    return f, fp


def flat_regions(fprime: Callable, lo: float, hi: float, flat: float) -> list[tuple[float, float]]:
    """Intervals of [lo, hi] where |f′(z)| < flat, each end refined by bisection."""
    z = np.linspace(lo, hi, GRID)
    inside = np.abs(fprime(z)) < flat
    out = []
    k = 0
    while k < len(z):
        if not inside[k]:
            k += 1
            continue
        start = k
        while k < len(z) and inside[k]:
            k += 1
        a = lo if start == 0 else _edge(fprime, z[start - 1], z[start], flat)
        b = hi if k == len(z) else _edge(fprime, z[k - 1], z[k], flat)
        out.append((float(a), float(b)))
    return out


def _edge(fprime: Callable, a: float, b: float, flat: float) -> float:
    """Where |f′| crosses `flat` between a and b (one inside, one outside)."""
    a_in = abs(float(fprime(np.array([a]))[0])) < flat
    for _ in range(50):
        m = 0.5 * (a + b)
        if (abs(float(fprime(np.array([m]))[0])) < flat) == a_in:
            a = m
        else:
            b = m
    return 0.5 * (a + b)


def title(name: str) -> str:
    """The function's display name in the student's language ("GELU (tanh approximation)")."""
    return translated(TITLES[name])


def short_title(name: str) -> str:
    """The display name without its remark in parentheses: "GELU" (a name, the same in every language)."""
    return TITLES[name].split(" (")[0]


def formula(name: str) -> str:
    """f and f′ in LaTeX, any words in the student's language."""
    return translated(LATEX_WORDS[name]) if name in LATEX_WORDS else LATEX[name]


def regions_text(regions: list[tuple[float, float]], lo: float, hi: float) -> str:
    if not regions:
        return t("nowhere")
    parts = []
    for a, b in regions:
        if a <= lo and b >= hi:
            parts.append(t("everywhere shown"))
        elif a <= lo:
            parts.append(f"z < {b:.4f}")
        elif b >= hi:
            parts.append(f"z > {a:.4f}")
        else:
            parts.append(f"{a:.4f} < z < {b:.4f}")
    return functools.reduce(lambda earlier, one: t("{regions}, {region}", regions=earlier, region=one), parts)


@dataclass(frozen=True)
class Reading(Payload):
    """One function at z (what each of its events carries, `what` = "function")."""
    name: str
    z: float
    alpha: float               # its α (0 for a function without one)
    f: float                   # f(z)
    fprime: float              # f′(z)
    max_slope: float           # the largest |f′| on the picture's range
    regions: tuple             # the flat parts, (start, end) pairs
    flat_text: str             # them, in words
    uses_alpha: bool


@dataclass(frozen=True)
class SummaryValues(Payload):
    """The end (`what` = "summary"): the point every function was read at."""
    z: float


class ActivationsLab(Lab):
    name = "activations"
    title = N_("Activation functions and their derivatives")
    summary = "Sigmoid, tanh, ReLU, Leaky ReLU, ELU, GELU, softmax: f(z) and f′(z) at a cursor, and where they go flat."
    params = (
        # the names of NAMES, written out so the catalog has the whole sentence
        Param("fn", "all", N_("one function or all: sigmoid, tanh, relu, leaky_relu, elu, gelu, softmax"), kind=str,
              choices=("all",) + NAMES),
        Param("z", 2.0, N_("the cursor: where f(z) and f'(z) are read"), low=-1e4, high=1e4),
        Param("alpha", math.nan, N_("α of Leaky ReLU (default 0.01) and ELU (default 1)"), low=0.0, high=100.0),
        Param("span", 6.0, N_("draw and search z from -span to span"), low=0.5, high=100.0),
        Param("flat", 0.01, N_("call f flat (saturated) where |f'(z)| is below this"), low=1e-12, high=1.0),
        Param("others", "1,0", N_("softmax: the other inputs o2, o3, ... held fixed"), kind=str, items=MAX_ITEMS),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        text = str(self.values["others"])
        parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
        try:
            self.others = np.array([float(p) for p in parts], dtype=float)
        except ValueError:
            raise LabError(t("lab activations: others={text}: expected numbers, e.g. others=1,0", text=repr(text))) \
                from None
        if self.others.size == 0 or not np.all(np.isfinite(self.others)):
            raise LabError(t("lab activations: others={text}: give at least one finite number, e.g. others=1,0",
                             text=repr(text)))
        fn = self.values["fn"]
        self.names = NAMES if fn == "all" else (fn,)

    def alpha(self, name: str) -> float:
        a = float(self.values["alpha"])
        return DEFAULT_ALPHA.get(name, 0.0) if math.isnan(a) else a

    def reading(self, name: str, z: float, alpha: float | None = None) -> Reading:
        """f(z), f′(z), the largest slope and the flat parts for one function."""
        alpha = self.alpha(name) if alpha is None else alpha
        f, fp = function_pair(name, alpha, self.others)
        span, flat = float(self.values["span"]), float(self.values["flat"])
        grid = np.linspace(-span, span, GRID)
        regions = flat_regions(fp, -span, span, flat)
        return Reading(name, z, alpha, float(f(np.array([z]))[0]), float(fp(np.array([z]))[0]),
                       float(np.max(np.abs(fp(grid)))), tuple(regions), regions_text(regions, -span, span),
                       name in DEFAULT_ALPHA)

    # --- the run -------------------------------------------------------------------
    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        z = float(self.values["z"])
        flat = float(self.values["flat"])
        readings = []
        for n, name in enumerate(self.names):
            r = self.reading(name, z)
            readings.append(r)
            head = title(name)
            if r.uses_alpha:
                head = t("{name}, α = {alpha:g}", name=head, alpha=r.alpha)
            if name == "softmax":
                head = t("{name}, others = {others}", name=head, others=", ".join(f"{o:g}" for o in self.others))
            label = t("{head}: f({z}) = {f}, f'({z}) = {fprime}; flat (|f'| < {flat:g}): {regions}",
                      head=head, z=fmt(z, 2), f=fmt(r.f), fprime=fmt(r.fprime), flat=flat, regions=r.flat_text)
            yield Event("info", label, formula(name), values=r.values(what="function"), step=n)
        slopes = functools.reduce(lambda earlier, one: t("{slopes}, {slope}", slopes=earlier, slope=one),
                                  [f"{short_title(r.name)} {r.max_slope:.4g}" for r in readings])
        yield Event("done", t("Largest slopes: {slopes}", slopes=slopes),
                    "", values=SummaryValues(z).values(what="summary"), step=len(self.names))

    def plain(self, out: TextIO) -> None:
        v = self.values
        span, flat = float(v["span"]), float(v["flat"])
        print(t("Activation functions at z = {z:g}; flat means |f'(z)| < {flat:g}, searched on [{lo:g}, {hi:g}]",
                z=float(v["z"]), flat=flat, lo=-span, hi=span), file=out)
        for e in self.run():
            r = Reading.of(e)
            if r is not None:
                head = r.name
                if r.uses_alpha:
                    head = t("{name} (alpha = {alpha:g})", name=head, alpha=r.alpha)
                if r.name == "softmax":
                    head = t("{name} (others = {others})", name=head, others=", ".join(f"{o:g}" for o in self.others))
                print(t("{head}: f({z:g}) = {f:.6f}, f'({z:g}) = {fprime:.6f}, largest |f'| = {max_slope:.6f}, "
                        "flat: {regions}", head=head, z=r.z, f=r.f, fprime=r.fprime, max_slope=r.max_slope,
                        regions=r.flat_text), file=out)
