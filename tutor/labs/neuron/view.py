"""The neuron lab's panel: the truth table against AND and OR, and the input square with
the decision line; `w` picks w1, w2 or b and `h`/`l` nudge it (imported only by tutor.labs.panels_for()).

A nudge changes the lab's own parameters and restarts the run, so the stepper's
formulas always show the weights drawn here.
"""
from __future__ import annotations

import numpy as np
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from engine.data import logic_gate
from engine.events import fmt
from tutor.labs.neuron import computes, decision_line_text, fires_at_zero, margin_text
from tutor.labs.neuron.payload import InputValues, NeuronTable, step_values
from tutor.locale import N_, t
from tutor.widgets.lab_panel import LabPanel
from tutor.widgets.plot import Plot

NUDGE = 0.1
NAMES = ("w1", "w2", "b")
BOX = (-0.5, 1.5)


class NeuronPanel(LabPanel, Vertical):
    DEFAULT_CSS = """
    NeuronPanel { height: 1fr; }
    NeuronPanel > #neuron-table { height: auto; }
    NeuronPanel > #neuron-note { height: auto; margin: 0 0 1 0; }
    NeuronPanel > Plot { height: 1fr; min-height: 10; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        # the panel's keys for the stepper's footer, in the student's language
        self.KEYS = [("w", "select", t("Pick w1/w2/b")), ("h", "down", "−0.1"), ("l", "up", "+0.1")]
        self.lab = lab
        self.selected = 2          # the bias first: the lesson is about the threshold
        self.current: tuple[int, int] | None = None

    def compose(self):
        yield Static("", id="neuron-table")
        yield Static("", id="neuron-note")
        yield Plot(t("inputs (x1, x2): ● fires, ○ quiet; the line u = 0"), id="neuron-plot")

    def on_mount(self) -> None:
        self.query_one(Plot).set_limits(xlim=BOX, ylim=BOX)
        self.redraw()

    # --- keys ---------------------------------------------------------------------
    def action_select(self) -> None:
        self.selected = (self.selected + 1) % len(NAMES)
        self.redraw()

    def action_down(self) -> None:
        self.nudge(-NUDGE)

    def action_up(self) -> None:
        self.nudge(NUDGE)

    def nudge(self, delta: float) -> None:
        name = NAMES[self.selected]
        # rounded so that 0.1 steps land exactly on values such as -1.0 (u = 0 really is 0)
        self.lab.values[name] = round(float(self.lab.values[name]) + delta, 6)
        self.current = None
        self.redraw()
        self.post_message(self.SettingsChanged())   # the lab screen restarts the run with the new weights

    def reset(self) -> None:
        self.current = None
        self.redraw()

    def show(self, event, history) -> None:
        v = step_values(event)
        self.current = (v.x1, v.x2) if isinstance(v, InputValues) else None
        self.redraw()

    # --- drawing ---------------------------------------------------------------------
    def redraw(self) -> None:
        if not self.is_mounted:
            return
        table = self.lab.table()
        w1, w2, b = self.lab.weights()
        # the weights on their own line: as the table's title they wrapped to the table's width
        weights = Text()
        for i, (n, x) in enumerate(zip(NAMES, (w1, w2, b))):
            weights.append(f"{n} = {fmt(x, 2)}", style="reverse" if i == self.selected else "")
            weights.append(" ")
        weights.append(t("  (w: pick, h/l: −/+0.1)"))
        grid = Table(box=None, padding=(0, 1), show_edge=False)
        for name in ("x1", "x2", "u", "y", t("out"), "AND", "OR"):
            grid.add_column(name, justify="right")
        and_y, or_y = logic_gate("and")[1], logic_gate("or")[1]
        for x, u, y, answer, a, o in zip(table.X, table.u, table.y, table.answers, and_y, or_y):
            here = self.current == (int(x[0]), int(x[1]))
            style = "bold reverse" if here else ("yellow" if u == 0.0 else "")
            grid.add_row(str(int(x[0])), str(int(x[1])), fmt(u, 2), fmt(y, 3), str(answer),
                         _mark(answer, a), _mark(answer, o), style=style)
        self.query_one("#neuron-table", Static).update(Group(weights, grid))
        rel = "≥" if fires_at_zero(self.lab.values["activation"]) else ">"
        head = t("{computes};  fires when w·x {rel} −b = {threshold}",
                 computes=computes(table.gates, N_("computes no simple gate")), rel=rel, threshold=fmt(-b, 2))
        self.query_one("#neuron-note", Static).update(
            f"{head}\n{decision_line_text(w1, w2, b)}\n{margin_text(table)}")
        self._plot(table, w1, w2, b)

    def _plot(self, table: NeuronTable, w1: float, w2: float, b: float) -> None:
        plot = self.query_one(Plot)
        grid = np.linspace(BOX[0], BOX[1], 17)
        gx, gy = np.meshgrid(grid, grid)
        u = w1 * gx + w2 * gy + b
        fires = u >= 0 if fires_at_zero(self.lab.values["activation"]) else u > 0
        plot.set_series("fires here", gx[fires], gy[fires], "scatter", color="green", marker="·",
                        label=t("fires here"))
        if w2 != 0:
            xs = np.linspace(BOX[0], BOX[1], 41)
            ys = (-b - w1 * xs) / w2
            keep = (ys >= BOX[0]) & (ys <= BOX[1])
            plot.set_series("u = 0", xs[keep], ys[keep], color="orange")
        elif w1 != 0:
            plot.set_series("u = 0", [-b / w1] * 2, list(BOX), color="orange")
        else:
            plot.remove_series("u = 0")
        on = table.answers == 1
        X = table.X
        plot.set_series("output 1", X[on, 0], X[on, 1], "scatter", color="green", marker="●",
                        label=t("output 1"))
        plot.set_series("output 0", X[~on, 0], X[~on, 1], "scatter", color="red", marker="○",
                        label=t("output 0"))


def _mark(answer: int, target: int) -> str:
    return f"{target} ✓" if answer == target else f"{target} ✗"


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [NeuronPanel(lab)]
