"""The gd1d lab's panel: the curve with the path so far, and the iteration table
with the halving of the learning rate highlighted (imported only by tutor.labs.panels_for())."""
from __future__ import annotations

import math

import numpy as np
from rich.table import Table
from textual.containers import Vertical
from textual.widgets import Static

from engine.descent import descend
from tutor.labs.gd1d.payload import (
    CompareValues,
    DivergedValues,
    DoneValues,
    HalveValues,
    IterationValues,
    RunValues,
    StartValues,
    step_values,
)
from tutor.labs.kit.captions import message
from tutor.labs.kit.text import function_text
from tutor.locale import t
from tutor.widgets.lab_panel import LabPanel
from tutor.widgets.plot import Plot

ROWS = 8                                   # table rows kept on screen per run
X0_STEP = 0.5
COLOURS = ("orange", "magenta")
HALVING = "bold black on yellow"


def picture_range(lab) -> tuple[float, float]:
    """x range holding both whole runs (computed once, no events), never absurdly wide."""
    v = lab.values
    x0 = float(v["x0"])
    xs = [x0]
    for lr in lab.rates:
        try:
            run = descend(lab.function, x0, lr=lr, min_step=float(v["min_step"]),
                          max_iterations=min(int(v["max_iter"]), 2000), h=float(v["h"]))
            xs += [float(x) for x in np.ravel(run.xs) if math.isfinite(x)]
        except ValueError:
            pass
    lo, hi = min(xs), max(xs)
    limit = 10 * max(1.0, abs(x0))        # a diverging run may have gone to 1e12: keep the start in view
    lo, hi = max(lo, x0 - limit), min(hi, x0 + limit)
    pad = max(0.5, 0.15 * (hi - lo))
    return lo - pad, hi + pad



def cell(value: float) -> str:
    """A table number: 4 decimals, or powers of ten once it is too long for its column (a run that blows up),
    with the minus sign (−) the formulas beside the table use."""
    return minus(f"{value:.4f}" if abs(value) < 1e5 else f"{value:.3e}")


def minus(text: str) -> str:
    """The numbers' ASCII hyphen-minus as U+2212, as the lesson and the step's formula write it."""
    return text.replace("-", "−")


class RunRows:
    """What the table and the plot need from one learning rate's events so far."""

    def __init__(self) -> None:
        self.diverged = False
        self.xs: list[float] = []
        self.fs: list[float] = []
        self.rows: list[tuple[tuple, str]] = []     # (cells k, x, f, slope, η), style
        self.halved: list[tuple[float, float]] = []
        self.end = ""

    def add(self, event) -> None:
        v = step_values(event)
        if isinstance(v, CompareValues):     # the side-by-side summary: each run has ended already
            return
        if isinstance(v, StartValues):
            self.xs, self.fs = [v.x], [v.f]
            self.rows.append((("x₀", cell(v.x), cell(v.f), "", f"{v.lr:g}"), ""))
        elif isinstance(v, IterationValues):
            self.xs.append(v.x)
            self.fs.append(v.f)
            self.rows.append(((str(v.iteration), cell(v.x), cell(v.f), cell(v.gradient), f"{v.lr:g}"), ""))
        elif isinstance(v, HalveValues):
            if self.xs:
                self.halved.append((self.xs[-1], self.fs[-1]))
            # the phrase spread over the x, f(x) and slope columns, a word each
            words = (t("slope flips sign").split(" ", 2) + ["", ""])[:3]
            self.rows.append((("η/2", *words, f"{v.lr_before:g}→{v.lr_after:g}"), HALVING))
        self.diverged = isinstance(v, DivergedValues)
        if isinstance(v, DivergedValues):
            self.end = t("diverged at step {step}:\n{reason}", step=v.step, reason=message(v.reason))
        elif isinstance(v, DoneValues) and v.converged:
            self.end = minus(t("minimum found after\n{iterations} iterations,\nx = {x:.6f}", iterations=v.iterations,
                               x=v.x))
        elif isinstance(v, DoneValues):
            self.end = minus(t("stopped after\n{iterations} iterations,\nx = {x:.6f}", iterations=v.iterations,
                               x=v.x))


class Gd1dPanel(LabPanel, Vertical):
    """h/l move the start x0, [ / ] halve or double the learning rate; the run restarts."""

    KEYS = [("h", "x0_down", "x0 −"), ("l", "x0_up", "x0 +"),
            ("left_square_bracket", "lr_down", "η ÷2"), ("right_square_bracket", "lr_up", "η ×2")]
    DEFAULT_CSS = """
    Gd1dPanel { height: 1fr; }
    Gd1dPanel > Plot { height: 1fr; min-height: 8; }
    Gd1dPanel > #gd1d-table { height: auto; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab
        self.lo, self.hi = picture_range(lab)

    def compose(self):
        f = function_text(self.lab.values["f"])         # x² + sin(x), as the lesson writes it
        yield Plot(t("f(x) = {f} and the path", f=f), id="gd1d-plot")
        yield Static("", id="gd1d-table")

    # --- keys: change the lab's parameters and run again ------------------------
    def action_x0_down(self) -> None:
        self.change("x0", float(self.lab.values["x0"]) - X0_STEP)

    def action_x0_up(self) -> None:
        self.change("x0", float(self.lab.values["x0"]) + X0_STEP)

    def action_lr_down(self) -> None:
        self.change("lr", max(float(self.lab.values["lr"]) / 2, 1e-6))

    def action_lr_up(self) -> None:
        self.change("lr", min(float(self.lab.values["lr"]) * 2, 1e3))

    def change(self, name: str, value: float) -> None:
        self.lab.values[name] = round(value, 9)
        self.lo, self.hi = picture_range(self.lab)
        self.on_mount()
        self.post_message(self.SettingsChanged())     # the lab screen runs it again
        # No toast: the lab's header shows the new settings (a toast per press piled up over the plot).

    def on_mount(self) -> None:
        plot = self.query_one(Plot)
        xs = np.linspace(self.lo, self.hi, 241)
        with np.errstate(all="ignore"):
            fs = np.asarray(self.lab.function(xs), dtype=float) * np.ones_like(xs)
        plot.set_series("f", xs, fs, color="cyan")
        finite = fs[np.isfinite(fs)]
        if finite.size:
            lo, hi = float(finite.min()), float(finite.max())
            pad = 0.08 * (hi - lo or 1.0)
            plot.set_limits(xlim=(self.lo, self.hi), ylim=(lo - pad, hi + pad))

    def reset(self) -> None:
        self._cache = None
        plot = self.query_one(Plot)
        for name in list(plot.series):
            if name != "f":
                plot.remove_series(name)
        self.query_one("#gd1d-table", Static).update("")

    def show(self, event, history) -> None:
        rates = self.lab.rates
        cache = getattr(self, "_cache", None)
        if cache and cache[0] is history[0] and cache[1] == len(history) - 1 and tuple(cache[2]) == tuple(rates):
            runs, new = cache[2], history[-1:]         # one step forward: add just that event
        else:
            runs, new = {lr: RunRows() for lr in rates}, history
        for e in new:
            run = RunValues.of(e)
            runs.get(run.run_lr if run is not None else rates[0], runs[rates[0]]).add(e)
        self._cache = (history[0], len(history), runs)
        plot = self.query_one(Plot)
        for colour, (lr, run) in zip(COLOURS, runs.items()):
            plot.set_series(f"path η={lr:g}", run.xs, run.fs, "scatter", color=colour, marker="•",
                            label=t("path η={lr:g}", lr=lr))
            plot.set_series(f"now η={lr:g}", run.xs[-1:], run.fs[-1:], "scatter", color=colour, marker="●",
                            label="")
            if run.halved:
                plot.set_series(f"η halved ({lr:g})", [x for x, _ in run.halved], [f for _, f in run.halved],
                                "scatter", color="yellow", marker="x", label=t("η halved ({lr:g})", lr=lr))
        grid = Table.grid(padding=(0, 3))
        for _ in runs:
            grid.add_column()
        # one run: every column; two runs side by side: drop what the width cannot hold
        columns = (0, 1, 2, 3, 4) if len(runs) == 1 else (0, 1, 2, 4) if self.size.width >= 72 else (0, 1, 4)
        grid.add_row(*(self._table(lr, run, columns) for lr, run in runs.items()))
        self.query_one("#gd1d-table", Static).update(grid)

    @staticmethod
    def _table(lr: float, run: RunRows, columns: tuple) -> Table:
        table = Table(title=f"η₀ = {lr:g}", title_style="bold", box=None, padding=(0, 1), show_edge=False,
                      caption=run.end or None,
                      caption_style="bold red" if run.diverged else "bold green")
        names = ("k", "x", "f(x)", t("slope"), "η")
        for i in columns:
            table.add_column(names[i], justify="right", no_wrap=True, overflow="ellipsis", header_style="dim")
        for cells, style in run.rows[-ROWS:]:
            table.add_row(*(cells[i] for i in columns), style=style)
        return table


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [Gd1dPanel(lab)]
