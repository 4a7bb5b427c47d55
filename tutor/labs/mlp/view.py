"""The mlp lab's panels: the layer diagram with shapes and parameter counts, the input digit, activations as bars."""
from __future__ import annotations

import numpy as np
from rich.cells import cell_len
from rich.text import Text

from tutor.labs.kit.text import center, pad
from tutor.labs.kit.views import TextPanel
from tutor.labs.mlp import InputValues, LayerValues, MlpValues
from tutor.locale import t
from tutor.widgets.heatmap import Heatmap
from tutor.widgets.plot import Plot

SHOW = 64          # at most this many neurons as bars


def _cut(text: str, cells: int) -> str:
    """The start of `text` that fits in `cells` terminal cells."""
    while cell_len(text) > cells:
        text = text[:-1]
    return text


def layer_at(event) -> int:
    """The layer an event's step is at (0, the input, for an event of no layer)."""
    v = MlpValues.of(event)
    return v.layer if v is not None else 0


def diagram(lab):
    rows = lab.table()

    def render(event, history):
        at = layer_at(event)
        text = Text()
        names = [t("input")] + [t("hidden {layer}", layer=l) for l in range(1, len(rows))] + [t("output")]
        for l, n in enumerate(lab.sizes):
            style = "bold reverse" if l == at else "bold"
            text.append(f"[{n:^7}]", style=style)
            if l < len(lab.sizes) - 1:
                text.append("─▶")
        text.append("\n")
        # each name under its box: a box and its arrow take 9 + 2 cells
        text.append("  ".join(center(_cut(name, 9), 9) for name in names).rstrip() + "\n", style="dim")
        text.append(f"{pad(t('layer'), 6)}{'W':>12}{'b':>6}{'u, y':>6}{pad(t('params'), 12, right=True)}\n",
                    style="bold")
        for r in rows:
            style = "reverse" if r.layer == at else ""
            text.append(f"{r.layer:<6}{str(r.W):>12}{r.b:>6}{r.u:>6}{r.params:>12,}\n", style=style)
        text.append(f"{pad(t('total'), 30)}{sum(r.params for r in rows):>12,}\n", style="bold")
        return text

    return render


class InputImage(Heatmap):
    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab

    def show(self, event, history) -> None:
        for e in reversed(history):
            if "input" in e.arrays:
                x = e.arrays["input"]
                if InputValues.of(e).digit_input:
                    self.set_data(x.reshape(8, 8), title=t("the input digit"), vmin=0, vmax=1)
                else:
                    side = int(np.sqrt(len(x)))
                    if side * side == len(x):
                        self.set_data(x.reshape(side, side), title=t("the random input"),
                                      vmin=0, vmax=1)
                return

    def reset(self) -> None:
        self.set_data(np.zeros((0, 0)))


class ActivationBars(Plot):
    def __init__(self, lab, **kwargs) -> None:
        super().__init__(t("activations"), xlabel=t("neuron"), **kwargs)
        self.lab = lab

    def show(self, event, history) -> None:
        y = event.arrays.get("y")
        if y is None:
            return
        n = len(y)
        k = min(n, SHOW)
        layer = LayerValues.of(event)
        part = layer.part if layer is not None else "y"      # the input and the end show y
        l = layer_at(event)
        self.title = f"{part}⁽{l}⁾" + (t(": first {k} of {n}", k=k, n=n) if k < n else f" ({n})")
        # no legend in wide characters (Chinese): plotext counts one as one cell, and bars may leave
        # no spaces to take the extra cells from (see Plot)
        legend = t("values")
        self.set_series("values", list(range(1, k + 1)), list(y[:k]), "bar",
                        label=legend if cell_len(legend) == len(legend) else "")

    def reset(self) -> None:
        self.clear()


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [TextPanel(diagram(lab)), InputImage(lab, cmap="gray", show_legend=False), ActivationBars(lab)]
