"""The lstm lab's panels: this time step's gates as bars, the cell's formulas, the parameter counts."""
from __future__ import annotations

import numpy as np
from rich.text import Text

from tutor.labs.kit.views import TextPanel, bars_text
from tutor.locale import t, translated


def _gate_arrays():
    from tutor.labs.lstm import GATE_ARRAY

    return GATE_ARRAY


def _gate_name(gate: str) -> str:
    from tutor.labs.lstm import gate_name

    return gate_name(gate)


def gate_bars(event, history):
    step = event.values.get("t")
    if step is None or event.kind not in ("gate", "forward"):
        return None
    arrays = _gate_arrays()
    values, labels = [], []
    current = None
    for e in history:
        if e.values.get("t") != step or e.kind not in ("gate", "forward"):
            continue
        gate = e.values["gate"]
        out = np.ravel(e.arrays.get(arrays.get(gate, ""), []))
        name = _gate_name(gate)
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
        gate = event.values.get("gate")
        text = Text(t("{cell} cell", cell=translated(NAMES[cell])) + "\n", style="bold")
        for key, formula in FORMULAS[cell]:
            text.append(("▶ " if key == gate else "  ") + pretty(formula) + "\n",
                        style="bold yellow" if key == gate else "")
        if event.kind == "done":
            from tutor.labs.lstm import param_counts

            v = event.values
            text.append("\n" + t("parameters for x = {x}, h = {h}", x=v["x"], h=v["h"]) + "\n", style="bold")
            width = name_width()
            for name, formula, n in param_counts(v["x"], v["h"]):
                text.append(f"{cell_name(name, width)} {formula} = {n}\n", style="bold" if name == cell else "")
        return text

    return render


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [TextPanel(formulas_panel(lab.values["cell"])), TextPanel(gate_bars)]
