"""The lstm lab's panels: this time step's gates as bars, the cell's formulas, the parameter counts."""
from __future__ import annotations

import numpy as np
from rich.text import Text

from tutor.labs.kit.views import TextPanel, bars_text

NAMES = {"C~": "C̃_t", "h~": "h̃_t"}


def _gate_arrays():
    from tutor.labs.lstm import GATE_ARRAY

    return GATE_ARRAY


def _tr(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def gate_bars(event, history, lang: str = "en"):
    t = event.values.get("t")
    if t is None or event.kind not in ("gate", "forward"):
        return None
    arrays = _gate_arrays()
    values, labels = [], []
    current = None
    for e in history:
        if e.values.get("t") != t or e.kind not in ("gate", "forward"):
            continue
        gate = e.values["gate"]
        out = np.ravel(e.arrays.get(arrays.get(gate, ""), []))
        name = NAMES.get(gate, f"{gate}_t")
        for k, value in enumerate(out):
            if e is event and k == 0:
                current = len(values)
            values.append(value)
            labels.append(name if out.size == 1 else f"{name}[{k + 1}]")
    top = max([1.0] + [abs(v) for v in values])
    heading = Text(_tr(lang, f"time step t = {t}\n", f"时间步 t = {t}\n"), style="bold")
    return heading + bars_text(values, labels, width=26, vmax=top, digits=4, highlight=current)


def formulas_panel(cell, lang: str = "en"):
    from tutor.labs.lstm import CELL_ZH, FORMULAS, cell_name, pretty

    def render(event, history):
        gate = event.values.get("gate")
        text = Text(_tr(lang, f"{cell} cell\n", f"{CELL_ZH[cell]} 单元\n"), style="bold")
        for key, formula in FORMULAS[cell]:
            text.append(("▶ " if key == gate else "  ") + pretty(formula) + "\n",
                        style="bold yellow" if key == gate else "")
        if event.kind == "done":
            from tutor.labs.lstm import param_counts

            v = event.values
            text.append(_tr(lang, f"\nparameters for x = {v['x']}, h = {v['h']}\n",
                            f"\n参数个数（x = {v['x']}，h = {v['h']}）\n"), style="bold")
            for name, formula, n in param_counts(v["x"], v["h"]):
                shown = f"{name:<9}" if lang != "zh" else cell_name(name, "zh", 12)
                text.append(f"{shown} {formula} = {n}\n", style="bold" if name == cell else "")
        return text

    return render


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    cell, lang = lab.values["cell"], lab.lang
    return [TextPanel(formulas_panel(cell, lang)), TextPanel(lambda event, history: gate_bars(event, history, lang))]
