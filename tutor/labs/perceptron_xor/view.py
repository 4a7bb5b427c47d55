"""The perceptron-xor lab's panels (imported only by tutor.labs.panels_for()): three decision
regions side by side, the three loss curves, and the accuracies."""
from __future__ import annotations

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.containers import Horizontal
from textual.widgets import Static

from tutor.labs.kit.text import pad
from tutor.labs.perceptron_xor.models import MODELS, model_titles, short_titles
from tutor.labs.perceptron_xor.payload import EpochValues, RuleValues
from tutor.locale import t
from tutor.widgets.heatmap import Heatmap
from tutor.widgets.plot import Plot


def region_image(arrays, key: str) -> np.ndarray:
    """y − 0.5 over the grid (blue: class 0, white: undecided, red: class 1), corners in full colour."""
    image = np.asarray(arrays[key], dtype=float) - 0.5
    targets = np.asarray(arrays[f"{key}_targets"], dtype=float)
    image[arrays["corner_rows"], arrays["corner_cols"]] = np.where(targets > 0.5, 1.0, -1.0)
    return image


def latest(history, key: str):
    for e in reversed(history):
        if key in e.arrays:
            return e
    return None


class RegionMap(Heatmap):
    def __init__(self, key: str, title: str, **kwargs) -> None:
        super().__init__(title=title, vmin=-1, vmax=1, show_legend=False, **kwargs)
        self.key = key

    def show(self, event, history) -> None:
        e = latest(history, self.key)
        if e is not None:
            self.set_data(region_image(e.arrays, self.key), vmin=-1, vmax=1)

    def reset(self) -> None:
        self.set_data(np.zeros((0, 0)))


class RegionsRow(Horizontal):
    """The three maps side by side; passes each step on to them."""

    DEFAULT_CSS = """
    RegionsRow { height: 10; }
    RegionsRow > RegionMap { width: 1fr; margin: 0 1 0 0; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab

    def compose(self):
        short = short_titles()
        for key, _ in MODELS:
            yield RegionMap(key, short[key], id=f"regions-{key}")

    def show(self, event, history) -> None:
        for child in self.query(RegionMap):
            child.show(event, history)

    def reset(self) -> None:
        for child in self.query(RegionMap):
            child.reset()


class LossCurves(Plot):
    def __init__(self, lab, **kwargs) -> None:
        super().__init__(t("loss (sigmoid + cross-entropy)"), xlabel=t("epoch"), **kwargs)
        self.lab = lab

    def show(self, event, history) -> None:
        shown = dict(model_titles())
        for key, title in MODELS:      # series keyed by the English title, labelled in the student's language
            epochs = [v for v in (EpochValues.of(e) for e in history if e.kind == "info") if v is not None]
            xs = [v.epoch for v in epochs]
            ys = [v.score(key).loss for v in epochs]
            self.set_series(title, xs, ys, label=shown[key])

    def reset(self) -> None:
        self.clear()


def summary_text(event, history) -> Text:
    short = short_titles()
    text = Text(t("blue 0 · white undecided · red 1 · corners darker") + "\n", style="italic")
    v = next((v for v in map(EpochValues.of, reversed(history)) if v is not None), None)
    if v is None:
        rule = RuleValues.of(event)
        if rule is not None:
            text.append(t("Perceptron rule: on AND pass {and_passes} is the first without a mistake; "
                          "XOR still {mistakes} mistakes in pass {xor_passes}.", and_passes=rule.and_passes,
                          mistakes=rule.xor_last_mistakes, xor_passes=rule.xor_passes))
        return text
    text.append(t("epoch {epoch}", epoch=v.epoch) + "\n")
    width = max(14, 1 + max(cell_len(short[key]) for key, _ in MODELS))
    for key, _ in MODELS:
        name = pad(short[key], width)
        text.append(name + " " + t("loss {loss:.4f}   accuracy {accuracy:.2f}", loss=v.score(key).loss,
                                   accuracy=v.score(key).acc) + "\n")
    text.append(t("ln 2 = {ln2:.4f}: where one neuron's XOR loss stalls", ln2=np.log(2)), style="italic")
    return text


class Summary(Static):
    DEFAULT_CSS = "Summary { height: auto; margin: 0 0 1 0; }"

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab

    def show(self, event, history) -> None:
        self.update(summary_text(event, history))

    def reset(self) -> None:
        self.update("")


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [RegionsRow(lab, id="regions-row"), Summary(lab, id="perceptron-summary"),
            LossCurves(lab, id="perceptron-loss")]
