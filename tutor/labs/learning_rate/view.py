"""The learning-rate lab's panels: log10 E per learning rate, and a table of where each run is."""
from __future__ import annotations

import math
from functools import partial

from rich.text import Text

from tutor.labs.kit.text import pad
from tutor.labs.kit.views import TextPanel
from tutor.labs.learning_rate import behaviour_text
from tutor.locale import t
from tutor.widgets.plot import Plot

COLOURS = ("blue", "green", "orange", "red", "magenta", "cyan")


class RatesPlot(Plot):
    """log10 E against the step, one line per learning rate; a diverged line just ends."""

    def show(self, event, history) -> None:
        n = event.values.get("n", 0)
        for i in range(n):
            xs, ys = [], []
            for e in history:
                E = e.values.get(f"E_{i}")
                if E is not None and E > 0 and math.isfinite(E):
                    xs.append(e.values["t"])
                    ys.append(math.log10(E))
            eta = event.values[f"lr_{i}"]
            self.set_series(f"r{i}", xs, ys, label=f"η={eta:g} {behaviour_text(event.values[f'kind_{i}'])}",
                            color=COLOURS[i % len(COLOURS)])

    def reset(self) -> None:
        self.clear()


def rates_text(lab, event, history):
    v = event.values
    if "n" not in v:
        return None
    text = Text(t("step {step}", step=v["t"]) + "\n", style="bold")
    for i in range(v["n"]):
        k = v[f"diverged_{i}"]
        now = t("diverged at step {step}", step=k) if k is not None else f"E = {v[f'E_{i}']:.5g}"
        text.append(f"η = {v[f'lr_{i}']:<8g} {pad(behaviour_text(v[f'kind_{i}']), 10)} {now}\n",
                    style="bold red" if k is not None else "")
    return text


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [RatesPlot(t("log10 E per step"), xlabel=t("step")),
            TextPanel(partial(rates_text, lab))]
