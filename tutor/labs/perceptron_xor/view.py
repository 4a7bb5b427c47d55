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
        short = short_titles(self.lab.lang)
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
        super().__init__(lab.tr("loss (sigmoid + cross-entropy)", "损失（sigmoid + 交叉熵）"),
                         xlabel=lab.tr("epoch", "轮次"), **kwargs)
        self.lab = lab

    def show(self, event, history) -> None:
        shown = dict(model_titles(self.lab.lang))
        for key, title in MODELS:      # series keyed by the English title, labelled in the student's language
            xs = [e.values["epoch"] for e in history if f"{key}_loss" in e.values and e.kind == "info"]
            ys = [e.values[f"{key}_loss"] for e in history if f"{key}_loss" in e.values and e.kind == "info"]
            self.set_series(title, xs, ys, label=shown[key])

    def reset(self) -> None:
        self.clear()


def summary_text(event, history, lang: str = "en") -> Text:
    zh = lang == "zh"
    short = short_titles(lang)
    text = Text("蓝 0 · 白 未定 · 红 1 · 四个角颜色更深\n" if zh else
                "blue 0 · white undecided · red 1 · corners darker\n", style="italic")
    e = next((e for e in reversed(history) if "xor2_acc" in e.values), None)
    if e is None:
        v = event.values
        if "and_passes" in v:
            text.append(f"感知机规则：AND 在第 {v['and_passes']} 遍第一次一个都没错；"
                        f"XOR 到第 {v['xor_passes']} 遍还错 {v['xor_last_mistakes']} 个。" if zh else
                        f"Perceptron rule: on AND pass {v['and_passes']} is the first without a mistake; "
                        f"XOR still {v['xor_last_mistakes']} mistakes in pass {v['xor_passes']}.")
        return text
    v = e.values
    text.append(f"第 {v['epoch']} 轮\n" if zh else f"epoch {v['epoch']}\n")
    width = max(14, 1 + max(cell_len(short[key]) for key, _ in MODELS))
    for key, _ in MODELS:
        name = pad(short[key], width)
        loss, acc = f"{v[f'{key}_loss']:.4f}", f"{v[f'{key}_acc']:.2f}"
        text.append(f"{name} 损失 {loss}   准确率 {acc}\n" if zh else f"{name} loss {loss}   accuracy {acc}\n")
    text.append(f"ln 2 = {np.log(2):.4f}：单个神经元的 XOR 损失停在这里" if zh else
                f"ln 2 = {np.log(2):.4f}: where one neuron's XOR loss stalls", style="italic")
    return text


class Summary(Static):
    DEFAULT_CSS = "Summary { height: auto; margin: 0 0 1 0; }"

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab

    def show(self, event, history) -> None:
        self.update(summary_text(event, history, self.lab.lang))

    def reset(self) -> None:
        self.update("")


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [RegionsRow(lab, id="regions-row"), Summary(lab, id="perceptron-summary"),
            LossCurves(lab, id="perceptron-loss")]
