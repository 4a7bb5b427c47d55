"""The sgd lab's panels: loss per epoch, batch loss per example seen (the noise), where each run stands."""
from __future__ import annotations

import math
from functools import partial

from rich.text import Text

from tutor.labs.kit.text import pad
from tutor.labs.kit.views import TextPanel
from tutor.labs.sgd import SgdValues
from tutor.locale import t
from tutor.widgets.plot import Plot

COLOURS = ("blue", "green", "red")


def log10(values) -> list[float]:
    return [math.log10(v) if v is not None and v > 0 and math.isfinite(v) else float("nan") for v in values]


class EpochPlot(Plot):
    def show(self, event, history) -> None:
        now = SgdValues.of(event)
        if now is None:
            return
        past = [v for v in map(SgdValues.of, history) if v is not None]
        for i, run in enumerate(now.runs):
            xs = [v.epoch for v in past if v.runs[i].E is not None]
            ys = [v.runs[i].E for v in past if v.runs[i].E is not None]
            self.set_series(f"m{i}", xs, log10(ys), label=run.name, color=COLOURS[i % 3])

    def reset(self) -> None:
        self.clear()


class SeenPlot(Plot):
    """Every step's batch loss against the examples seen so far: the stochastic line is the noisy one."""

    def show(self, event, history) -> None:
        now = SgdValues.of(event)
        for i, run in enumerate(now.runs if now is not None else ()):
            xs, ys = [], []
            for past in map(SgdValues.of, history):
                if past is not None:
                    xs.extend(past.runs[i].batches.seen.tolist())
                    ys.extend(past.runs[i].batches.E.tolist())
            self.set_series(f"m{i}", xs, log10(ys), label=run.name, color=COLOURS[i % 3])

    def reset(self) -> None:
        self.clear()


def status_text(lab, event, history):
    v = SgdValues.of(event)
    if v is None:
        return None
    text = Text(t("epoch {epoch}", epoch=v.epoch) + "\n", style="bold")
    for run in v.runs:
        text.append(pad(run.name, 15) + f" {run.steps:>6} " + t("steps")
                    + f"  {'E = ' + format(run.E, '.5f') if run.E is not None else ''}\n")
        if run.stopped:
            text.append(f"   {run.stopped}\n", style="bold yellow")
    return text


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [EpochPlot(t("log10 E per epoch"), xlabel=t("epoch")),
            SeenPlot(t("log10 batch loss per example seen"), xlabel=t("examples seen")),
            TextPanel(partial(status_text, lab))]
