"""The mlp lab's panels: the layer diagram with shapes and parameter counts, the input digit, activations as bars."""
from __future__ import annotations

import numpy as np
from rich.text import Text

from tutor.labs._views_kit import TextPanel
from tutor.widgets.heatmap import Heatmap
from tutor.widgets.plot import Plot

SHOW = 64          # at most this many neurons as bars


def diagram(lab):
    rows = lab.table()

    def render(event, history):
        at = event.values.get("layer", 0)
        text = Text()
        names = ["input"] + [f"hidden {l}" for l in range(1, len(rows))] + ["output"]
        for l, n in enumerate(lab.sizes):
            style = "bold reverse" if l == at else "bold"
            text.append(f"[{n:^7}]", style=style)
            if l < len(lab.sizes) - 1:
                text.append("─▶")
        text.append("\n")
        text.append(" ".join(f"{name[:8]:^8}" for name in names) + "\n", style="dim")
        text.append(f"{'layer':<6}{'W':>12}{'b':>6}{'u, y':>6}{'params':>12}\n", style="bold")
        for r in rows:
            style = "reverse" if r["layer"] == at else ""
            text.append(f"{r['layer']:<6}{str(r['W']):>12}{r['b']:>6}{r['u']:>6}{r['params']:>12,}\n", style=style)
        text.append(f"{'total':<30}{sum(r['params'] for r in rows):>12,}\n", style="bold")
        return text

    return render


class InputImage(Heatmap):
    def show(self, event, history) -> None:
        for e in reversed(history):
            if "input" in e.arrays:
                x = e.arrays["input"]
                if e.values.get("digit_input"):
                    self.set_data(x.reshape(8, 8), title="the input digit", vmin=0, vmax=1)
                else:
                    side = int(np.sqrt(len(x)))
                    if side * side == len(x):
                        self.set_data(x.reshape(side, side), title="the random input", vmin=0, vmax=1)
                return

    def reset(self) -> None:
        self.set_data(np.zeros((0, 0)))


class ActivationBars(Plot):
    def show(self, event, history) -> None:
        y = event.arrays.get("y")
        if y is None:
            return
        n = len(y)
        k = min(n, SHOW)
        part = event.values.get("part", "y")
        l = event.values.get("layer", 0)
        self.title = (f"{part}⁽{l}⁾" + (f": first {k} of {n}" if k < n else f" ({n})"))
        self.set_series("values", list(range(1, k + 1)), list(y[:k]), "bar")

    def reset(self) -> None:
        self.clear()


def mlp_panels(lab) -> list:
    return [TextPanel(diagram(lab)), InputImage(cmap="gray", show_legend=False),
            ActivationBars("activations", xlabel="neuron")]
