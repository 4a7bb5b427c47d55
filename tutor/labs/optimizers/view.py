"""The optimizers lab's panels: the surface as a heatmap with each trajectory, f per step, each one's memory."""
from __future__ import annotations

import math
from functools import partial

import numpy as np
from rich.text import Text

from tutor.labs.kit.views import TextPanel
from tutor.labs.optimizers import MEMORY, NAMES, SHOWN, SURFACES, OptimizersValues, status_text
from tutor.locale import t
from tutor.widgets import heatmap as _heatmap
from tutor.widgets.heatmap import Heatmap
from tutor.widgets.plot import Plot

LEVELS = 8                               # grey levels of the surface, then one colour per optimizer
RGB = [(230, 60, 60), (255, 170, 0), (60, 200, 60), (0, 190, 240), (230, 70, 230)]
NAMES_RICH = ["rgb(230,60,60)", "rgb(255,170,0)", "rgb(60,200,60)", "rgb(0,190,240)", "rgb(230,70,230)"]
CMAP = "optimizers"
_heatmap.CMAPS.setdefault(CMAP, np.array(
    [tuple([int(25 + 100 * k / (LEVELS - 1))] * 3) for k in range(LEVELS)] + RGB + [(255, 255, 255)], float))
MINIMA = {"bowl": (0.0, 0.0), "rosenbrock": (1.0, 1.0)}      # drawn white; the saddle has none
TOP = LEVELS + len(RGB)                                       # the colour value of the minimum
ROWS, COLS = 40, 72                      # pixels of the map


def surface_levels(surface: str) -> np.ndarray:
    """The surface on a grid (row 0 at the top = largest y), as 0..LEVELS-1 by quantiles."""
    f, _, _, _, (x0, x1, y0, y1), _, _ = SURFACES[surface]
    xs = np.linspace(x0, x1, COLS)
    ys = np.linspace(y1, y0, ROWS)
    Z = f(xs[None, :], ys[:, None])
    cuts = np.quantile(Z, np.linspace(0, 1, LEVELS + 1)[1:-1])
    image = np.searchsorted(cuts, Z).astype(float)
    if surface in MINIMA:
        image[cell(surface, *MINIMA[surface])] = TOP
    return image


def cell(surface: str, x: float, y: float):
    x0, x1, y0, y1 = SURFACES[surface][4]
    if not (math.isfinite(x) and math.isfinite(y) and x0 <= x <= x1 and y0 <= y <= y1):
        return None
    col = int(round((x - x0) / (x1 - x0) * (COLS - 1)))
    row = int(round((y1 - y) / (y1 - y0) * (ROWS - 1)))
    return row, col


class SurfaceMap(Heatmap):
    DEFAULT_CSS = """
    SurfaceMap { height: 2fr; min-height: 8; }
    """

    def __init__(self, surface: str, **kwargs) -> None:
        self.surface = surface
        self.base = surface_levels(surface)
        x0, x1, y0, y1 = SURFACES[surface][4]
        title = t("{surface}: x {x0:g}..{x1:g} →, y {y0:g}..{y1:g} ↑ (dark = low, white = minimum)",
                  surface=surface, x0=x0, x1=x1, y0=y0, y1=y1)
        super().__init__(self.base, title=title,
                         cmap=CMAP, vmin=0, vmax=TOP, show_legend=False, **kwargs)

    def show(self, event, history) -> None:
        image = self.base.copy()
        past = [v for v in map(OptimizersValues.of, history) if v is not None]
        for i, name in enumerate(NAMES):
            for v in past:
                r = v.racer(name)
                at = cell(self.surface, r.x, r.y)
                if at is not None:
                    image[at] = LEVELS + i
        self.set_data(image, vmin=0, vmax=TOP)

    def reset(self) -> None:
        self.set_data(self.base, vmin=0, vmax=TOP)


class ValuePlot(Plot):
    """f per step; on the bowl and Rosenbrock (f ≥ 0) as log10 f."""

    def show(self, event, history) -> None:
        now = OptimizersValues.of(event)
        log = (now.surface if now is not None else None) != "saddle"
        past = [v for v in map(OptimizersValues.of, history) if v is not None]
        for i, name in enumerate(NAMES):
            xs, ys = [], []
            for v in past:
                if not v.racer(name).status:
                    f = v.racer(name).f
                    xs.append(v.t)
                    ys.append(math.log10(f) if log and f > 0 else (float("nan") if log else f))
            self.set_series(name, xs, ys, label=SHOWN[name], color=["red", "orange", "green", "cyan", "magenta"][i])

    def reset(self) -> None:
        self.clear()


def pair(racer, key) -> str:
    if racer.remembers(key) is None:
        return ""
    x, y = racer.remembers(key)
    return f"{key}=({x:.3g}, {y:.3g}) "


def state_text(lab, event, history):
    v = OptimizersValues.of(event)
    if v is None:
        return None
    text = Text(t("step {step}   (θ = (x, y); g = ∇f)", step=v.t) + "\n", style="bold")
    for i, (name, r) in enumerate(zip(NAMES, v.racers)):
        text.append("██ ", style=NAMES_RICH[i])
        text.append(f"{SHOWN[name]:<8} η={r.lr:<7g} θ=({r.x:.3f}, {r.y:.3f}) "
                    f"f={r.f:.4g}\n", style="bold" if name == v.focus else "")
        extra = ""
        if r.g is not None:
            extra = f"g=({r.g[0]:.3g}, {r.g[1]:.3g}) "
        extra += "".join(pair(r, key) for key in MEMORY[name])
        if extra:
            text.append("    " + extra.replace("m_hat", "m̂").replace("v_hat", "v̂") + "\n")
        if r.status:
            text.append(f"    {status_text(r.status)}\n", style="bold yellow")
    return text


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [SurfaceMap(lab.values["surface"]), TextPanel(partial(state_text, lab)),
            ValuePlot(t("f per step (log10 on bowl and Rosenbrock)"), xlabel=t("step"))]
