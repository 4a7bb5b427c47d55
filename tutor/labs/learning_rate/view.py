"""The learning-rate lab's panels: log10 E per learning rate, and a table of where each run is."""
from __future__ import annotations

import math
from functools import partial

from rich.text import Text

from tutor.labs.kit.text import pad
from tutor.labs.kit.views import TextPanel
from tutor.labs.learning_rate import RatesValues, behaviour_text
from tutor.locale import t
from tutor.widgets.plot import Plot

COLOURS = ("blue", "green", "orange", "red", "magenta", "cyan")


class RatesPlot(Plot):
    """log10 E against the step, one line per learning rate; a diverged line just ends."""

    def show(self, event, history) -> None:
        now = RatesValues.of(event)
        past = [v for v in map(RatesValues.of, history) if v is not None]
        for i, run in enumerate(now.runs if now is not None else ()):
            xs, ys = [], []
            for v in past:
                E = v.runs[i].E
                if E is not None and E > 0 and math.isfinite(E):
                    xs.append(v.t)
                    ys.append(math.log10(E))
            self.set_series(f"r{i}", xs, ys, label=f"η={run.lr:g} {behaviour_text(run.kind)}",
                            color=COLOURS[i % len(COLOURS)])

    def reset(self) -> None:
        self.clear()


def rates_text(lab, event, history):
    v = RatesValues.of(event)
    if v is None:
        return None
    text = Text(t("step {step}", step=v.t) + "\n", style="bold")
    for run in v.runs:
        k = run.diverged
        now = t("diverged at step {step}", step=k) if k is not None else f"E = {run.E:.5g}"
        text.append(f"η = {run.lr:<8g} {pad(behaviour_text(run.kind), 10)} {now}\n",
                    style="bold red" if k is not None else "")
    return text


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [RatesPlot(t("log10 E per step"), xlabel=t("step")),
            TextPanel(partial(rates_text, lab))]
