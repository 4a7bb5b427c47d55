"""02 · Activation functions: each f(z) with its derivative f′(z), and where it goes flat.

Values and derivatives are engine.activations' own, on 4001 points of
[−6, 6] (the lab activations' range and grid).  "Flat" is the lab's rule:
|f′(z)| < 0.01; the shaded parts are where the engine's f′ says so.
Softmax maps a vector to a vector, so it is left to the lab.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from tutor.charts.style import series
from tutor.locale import t

NUMBER, STEM, LAB = "02", "02_activation_functions", "activations"
COMMAND = "dltutor lab activations"
SIZE = (10.0, 6.6)
SPAN, GRID, FLAT = 6.0, 4001, 0.01
NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu")
SHOWN = {"sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "ReLU", "leaky_relu": "Leaky ReLU (α = 0.01)",
         "elu": "ELU (α = 1)", "gelu": "GELU"}


def title() -> str:
    return t("Activation functions, their derivatives, and where they go flat")


@lru_cache(maxsize=1)
def compute() -> dict:
    from engine.activations import ACTIVATIONS

    z = np.linspace(-SPAN, SPAN, GRID)
    out = {"z": z}
    for name in NAMES:
        f, f_prime = ACTIVATIONS[name]          # Leaky ReLU and ELU with the engine's default α
        fz, dz = f(z), f_prime(z)
        top = float(np.max(np.abs(dz)))
        out[name] = {"f": fz, "fprime": dz, "flat": np.abs(dz) < FLAT, "max_slope": top,
                     "max_where": np.abs(dz) >= top * (1 - 1e-12)}
    return out


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each stretch of True in mask."""
    edges = np.flatnonzero(np.diff(np.r_[0, mask.astype(int), 0]))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2])]


def max_text(z: np.ndarray, where: np.ndarray) -> str:
    """Where the largest slope is reached: "z = 0", or "z > 0" when it holds on a whole stretch."""
    (a, b), *more = runs(where)
    if a == b and not more:
        return f"z = {round(z[a], 2):g}"
    if b == len(z) - 1 and not more:
        return ("z > " if z[a] > 0 else "z ≥ ") + f"{round(z[a], 1):g}"
    return ", ".join(f"z = {round(z[a], 2):g}" for a, _ in runs(where))


def flat_text(z: np.ndarray, mask: np.ndarray) -> str:
    """Where f is flat, on the grid (step 0.003): "z ≤ −4.587, z ≥ 4.587", or "nowhere"."""
    parts = []
    for a, b in runs(mask):
        if a == 0 and b == len(z) - 1:
            parts.append(t("everywhere shown"))
        elif a == 0:
            parts.append(f"z ≤ {z[b]:.3f}".replace("-", "−"))
        elif b == len(z) - 1:
            parts.append(f"z ≥ {z[a]:.3f}".replace("-", "−"))
        else:
            parts.append(f"{z[a]:.3f} ≤ z ≤ {z[b]:.3f}".replace("-", "−"))
    return ", ".join(parts) if parts else t("nowhere in [−6, 6]")


def draw(fig, numbers: dict) -> None:
    z = numbers["z"]
    axes = fig.subplots(2, 3, sharex=True)
    for ax, name in zip(axes.flat, NAMES):
        m = numbers[name]
        for a, b in runs(m["flat"]):
            ax.axvspan(z[a], z[b], facecolor="#eeeeee", edgecolor="#999999", hatch="..", linewidth=0, zorder=0)
        ax.plot(z, m["f"], gid=f"f_{name}", **series(0, markevery=0.125))
        ax.plot(z, m["fprime"], gid=f"fprime_{name}", **series(1, markevery=0.125))
        ax.set_title(SHOWN[name] + "\n" + t("largest f′ = {slope} at {where}", slope=f"{m['max_slope']:.3g}",
                                             where=max_text(z, m["max_where"]).replace("-", "−")), fontsize=11)
        ax.axhline(0, color="black", linewidth=0.6, zorder=1)
        ax.set_xlim(-SPAN, SPAN)
    for ax in axes[1]:
        ax.set_xlabel("z")
    fig.legend(handles=[Line2D([], [], label=t("f(z), the activation"), **series(0)),
                        Line2D([], [], label=t("f′(z), its derivative"), **series(1)),
                        Patch(facecolor="#eeeeee", edgecolor="#999999", hatch="..",
                              label=t("flat: |f′(z)| < 0.01, almost no gradient passes"))],
               loc="outside lower center", ncols=3, frameon=False)


def caption(numbers: dict) -> list[str]:
    z = numbers["z"]
    lines = [t("Each activation f(z) and its derivative f′(z) for z from −6 to 6; flat means |f′(z)| < 0.01.")]
    for name in NAMES:
        m = numbers[name]
        lines.append(t("{name}: largest derivative {slope} at {where}; flat (|f′| < 0.01): {flat}.",
                       name=SHOWN[name], slope=f"{m['max_slope']:.4g}", where=max_text(z, m["max_where"]),
                       flat=flat_text(z, m["flat"])))
    lines.append(t("The sigmoid's derivative is at most 0.25, so every sigmoid layer shrinks a gradient at least "
                   "fourfold; ReLU's is exactly 1 for z > 0 and 0 for z < 0."))
    return lines
