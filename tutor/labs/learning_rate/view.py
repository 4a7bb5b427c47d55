"""The learning-rate lab's panels: log10 E per learning rate, and a table of where each run is."""
from __future__ import annotations

import math
from functools import partial

from rich.text import Text

from tutor.labs.kit.text import pad
from tutor.labs.kit.views import TextPanel
from tutor.labs.learning_rate import behaviour_text
from tutor.widgets.plot import Plot

COLOURS = ("blue", "green", "orange", "red", "magenta", "cyan")


class RatesPlot(Plot):
    """log10 E against the step, one line per learning rate; a diverged line just ends."""

    def __init__(self, title: str, *, lang: str = "en", **kwargs) -> None:
        super().__init__(title, **kwargs)
        self.lang = lang

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
            self.set_series(f"r{i}", xs, ys, label=f"η={eta:g} {behaviour_text(event.values[f'kind_{i}'], self.lang)}",
                            color=COLOURS[i % len(COLOURS)])

    def reset(self) -> None:
        self.clear()


def rates_text(lab, event, history):
    v = event.values
    if "n" not in v:
        return None
    text = Text(lab.tr(f"step {v['t']}\n", f"第 {v['t']} 步\n"), style="bold")
    for i in range(v["n"]):
        k = v[f"diverged_{i}"]
        now = lab.tr(f"diverged at step {k}", f"在第 {k} 步发散") if k is not None else f"E = {v[f'E_{i}']:.5g}"
        text.append(f"η = {v[f'lr_{i}']:<8g} {pad(behaviour_text(v[f'kind_{i}'], lab.lang), 10)} {now}\n",
                    style="bold red" if k is not None else "")
    return text


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [RatesPlot(lab.tr("log10 E per step", "每步的 log10 E"), xlabel=lab.tr("step", "步"), lang=lab.lang),
            TextPanel(partial(rates_text, lab))]
