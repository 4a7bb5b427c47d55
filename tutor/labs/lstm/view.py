"""The lstm lab's panels: this time step's gates as bars, the cell's formulas, the parameter counts."""
from __future__ import annotations

import numpy as np
from rich.text import Text

from tutor.labs.kit.training import GateValues
from tutor.labs.kit.views import TextPanel, bars_text
from tutor.locale import t, translated


def _gate_arrays():
    from tutor.labs.lstm import GATE_ARRAY

    return GATE_ARRAY


def _gate_name(gate: str) -> str:
    from tutor.labs.lstm import gate_name

    return gate_name(gate)


def _gate(event) -> GateValues | None:
    """The gate an engine step computes (None for the lab's own events)."""
    return GateValues.of(event) if event.kind in ("gate", "forward") else None


def gate_bars(event, history):
    now = _gate(event)
    if now is None:
        return None
    step = now.t
    arrays = _gate_arrays()
    values, labels = [], []
    current = None
    for e in history:
        past = _gate(e)
        if past is None or past.t != step:
            continue
        out = np.ravel(e.arrays.get(arrays.get(past.gate, ""), []))
        name = _gate_name(past.gate)
        for k, value in enumerate(out):
            if e is event and k == 0:
                current = len(values)
            values.append(value)
            labels.append(name if out.size == 1 else f"{name}[{k + 1}]")
    top = max([1.0] + [abs(v) for v in values])
    heading = Text(t("time step t = {t}", t=step) + "\n", style="bold")
    return heading + bars_text(values, labels, width=26, vmax=top, digits=4, highlight=current)


def formulas_panel(cell):
    from tutor.labs.lstm import FORMULAS, NAMES, cell_name, name_width, pretty

    def render(event, history):
        now = GateValues.of(event)
        gate = now.gate if now is not None else None
        text = Text(t("{cell} cell", cell=translated(NAMES[cell])) + "\n", style="bold")
        for key, formula in FORMULAS[cell]:
            text.append(("▶ " if key == gate else "  ") + pretty(formula) + "\n",
                        style="bold yellow" if key == gate else "")
        if event.kind == "done":
            from tutor.labs.lstm import CountsValues, param_counts

            v = CountsValues.of(event)
            text.append("\n" + t("parameters for x = {x}, h = {h}", x=v.x, h=v.h) + "\n", style="bold")
            width = name_width()
            for name, formula, n in param_counts(v.x, v.h):
                text.append(f"{cell_name(name, width)} {formula} = {n}\n", style="bold" if name == cell else "")
        return text

    return render


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [TextPanel(formulas_panel(lab.values["cell"])), TextPanel(gate_bars)]
