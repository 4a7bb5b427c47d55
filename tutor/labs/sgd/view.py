"""The sgd lab's panels: loss per epoch, batch loss per example seen (the noise), where each run stands."""
from __future__ import annotations

import math
from functools import partial

from rich.text import Text

from tutor.labs.kit.text import pad
from tutor.labs.kit.views import TextPanel
from tutor.locale import t
from tutor.widgets.plot import Plot

COLOURS = ("blue", "green", "red")


def log10(values) -> list[float]:
    return [math.log10(v) if v is not None and v > 0 and math.isfinite(v) else float("nan") for v in values]


class EpochPlot(Plot):
    def show(self, event, history) -> None:
        k = event.values.get("k", 0)
        for i in range(k):
            xs = [e.values["epoch"] for e in history if e.values.get(f"E_{i}") is not None]
            ys = [e.values[f"E_{i}"] for e in history if e.values.get(f"E_{i}") is not None]
            self.set_series(f"m{i}", xs, log10(ys), label=event.values[f"name_{i}"], color=COLOURS[i % 3])

    def reset(self) -> None:
        self.clear()


class SeenPlot(Plot):
    """Every step's batch loss against the examples seen so far: the stochastic line is the noisy one."""

    def show(self, event, history) -> None:
        k = event.values.get("k", 0)
        for i in range(k):
            xs, ys = [], []
            for e in history:
                if f"batch_E_{i}" in e.arrays:
                    xs.extend(e.arrays[f"batch_seen_{i}"].tolist())
                    ys.extend(e.arrays[f"batch_E_{i}"].tolist())
            self.set_series(f"m{i}", xs, log10(ys), label=event.values[f"name_{i}"], color=COLOURS[i % 3])

    def reset(self) -> None:
        self.clear()


def status_text(lab, event, history):
    v = event.values
    if "k" not in v:
        return None
    text = Text(t("epoch {epoch}", epoch=v["epoch"]) + "\n", style="bold")
    for i in range(v["k"]):
        E = v[f"E_{i}"]
        name = v[f"name_{i}"]
        text.append(pad(name, 15) + f" {v[f'steps_{i}']:>6} " + t("steps")
                    + f"  {'E = ' + format(E, '.5f') if E is not None else ''}\n")
        if v[f"stopped_{i}"]:
            text.append(f"   {v[f'stopped_{i}']}\n", style="bold yellow")
    return text


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [EpochPlot(t("log10 E per epoch"), xlabel=t("epoch")),
            SeenPlot(t("log10 batch loss per example seen"), xlabel=t("examples seen")),
            TextPanel(partial(status_text, lab))]
