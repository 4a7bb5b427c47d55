"""The activations lab's panel: f and f′ of the function on show, the z cursor, and the flat
parts marked; `h`/`l` move the cursor, `[`/`]` halve/double α (imported only by tutor.labs.panels_for())."""
from __future__ import annotations

import math

import numpy as np
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from engine.events import fmt
from tutor.labs.activations import Reading, function_pair, title
from tutor.locale import t
from tutor.widgets.plot import Plot

CURSOR_STEP = 0.25


class ActivationsPanel(Vertical):
    KEYS = [("h", "left", "z −"), ("l", "right", "z +"), ("left_square_bracket", "alpha_down", "α ÷2"),
            ("right_square_bracket", "alpha_up", "α ×2")]
    DEFAULT_CSS = """
    ActivationsPanel { height: 1fr; }
    ActivationsPanel > #activations-readout { height: auto; margin: 0 0 1 0; }
    ActivationsPanel > Plot { height: 1fr; min-height: 10; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab
        self.span = float(lab.values["span"])
        self.z = float(lab.values["z"])
        self.fn = lab.names[0]
        self.alphas: dict[str, float] = {}       # α changed by keys, per function

    def compose(self):
        yield Static("", id="activations-readout")
        yield Plot("", id="activations-plot")

    def on_mount(self) -> None:
        self.redraw()

    # --- keys -------------------------------------------------------------------------
    def action_left(self) -> None:
        self.move(-CURSOR_STEP)

    def action_right(self) -> None:
        self.move(CURSOR_STEP)

    def move(self, dz: float) -> None:
        self.z = min(max(self.z + dz, -self.span), self.span)
        self.redraw()

    def action_alpha_down(self) -> None:
        self.scale_alpha(0.5)

    def action_alpha_up(self) -> None:
        self.scale_alpha(2.0)

    def scale_alpha(self, factor: float) -> None:
        reading = self.lab.reading(self.fn, self.z)
        if not reading.uses_alpha:
            self.notify(t("{name} has no α; step to Leaky ReLU or ELU", name=title(self.fn)), timeout=3)
            return
        now = self.alphas.get(self.fn, reading.alpha)
        self.alphas[self.fn] = min(max(now * factor, 1e-6), 100.0)
        self.redraw()

    def reset(self) -> None:
        self.z, self.alphas, self.fn = float(self.lab.values["z"]), {}, self.lab.names[0]
        self.redraw()

    def show(self, event, history) -> None:
        reading = Reading.of(event)
        if reading is not None and reading.name:
            self.fn = reading.name
        self.redraw()

    # --- drawing --------------------------------------------------------------------------
    def redraw(self) -> None:
        if not self.is_mounted:
            return
        r = self.lab.reading(self.fn, self.z, self.alphas.get(self.fn))
        f, fp = function_pair(self.fn, r.alpha, self.lab.others)
        zs = np.linspace(-self.span, self.span, 241)
        ys, ds = f(zs), fp(zs)
        plot = self.query_one(Plot)
        plot.title = t("{name}, α = {alpha:g}", name=title(self.fn), alpha=r.alpha) if r.uses_alpha else title(self.fn)
        plot.set_series("f(z)", zs, ys, color="cyan")
        plot.set_series("f'(z)", zs, ds, color="orange")
        flat = float(self.lab.values["flat"])
        mask = np.abs(ds) < flat
        plot.set_series(f"flat: |f'| < {flat:g}", zs[mask], ds[mask], "scatter", color="red", marker="braille",
                        label=t("flat: |f'| < {flat:g}", flat=flat))
        lo = float(min(ys.min(), ds.min()))
        hi = float(max(ys.max(), ds.max()))
        pad = 0.1 * (hi - lo or 1.0)
        plot.set_series("cursor", [self.z, self.z], [lo - pad, hi + pad], color="gray", label="")
        plot.set_series("f, f' at z", [self.z, self.z], [r.f, r.fprime], "scatter", color="white",
                        marker="●", label="")
        plot.set_limits(xlim=(-self.span, self.span), ylim=(lo - pad, hi + 3 * pad))
        text = Text()
        text.append(f"z = {fmt(self.z, 2)}   f(z) = {fmt(r.f)}   f'(z) = {fmt(r.fprime)}\n", style="bold")
        text.append(t("largest slope {slope};  flat (|f'| < {flat:g}): {regions}", slope=fmt(r.max_slope), flat=flat,
                      regions=r.flat_text) + "\n")
        if math.isfinite(r.fprime) and abs(r.fprime) < flat:
            text.append(t("the cursor is in a flat part: a gradient through here almost vanishes") + "\n", style="red")
        text.append(t("keys: h/l move z") + (t(", [ ] halve/double α") if r.uses_alpha else ""), style="dim")
        self.query_one("#activations-readout", Static).update(text)


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [ActivationsPanel(lab)]
