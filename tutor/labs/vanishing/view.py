"""The vanishing lab's panels: log-scale gradient bars, the 0.25ⁿ table, the toggles."""
from __future__ import annotations

import math
from functools import partial

from rich.text import Text

from tutor.labs.kit.toggles import Toggles
from tutor.labs.kit.views import TextPanel
from tutor.widgets.plot import Plot


class GradientBars(Plot):
    """log10 ‖∂E/∂W_l‖ per layer: equal steps down mean equal factors."""

    def __init__(self, title: str, *, lang: str = "en", **kwargs) -> None:
        super().__init__(title, **kwargs)
        self.here = "当前层" if lang == "zh" else "this layer"

    def show(self, event, history) -> None:
        norms = event.arrays.get("norms")
        if norms is None:
            return
        logs = [math.log10(n) if n > 0 else float("nan") for n in norms]
        self.set_series("log10 ‖∂E/∂W‖", list(range(1, len(logs) + 1)), logs, "bar")
        layer = event.values.get("layer")
        if layer is not None and math.isfinite(logs[layer - 1]):
            self.set_series(self.here, [layer], [logs[layer - 1]], "scatter", color="red", marker="●")
        else:
            self.remove_series(self.here)

    def reset(self) -> None:
        self.clear()


def table_text(lab, event, history):
    text = Text(lab.tr("n layers at the sigmoid's best slope 0.25\n", "n 层都取 sigmoid 的最大斜率 0.25\n"),
                style="bold")
    for n in (10, 20, 50):
        text.append(f"  0.25^{n:<2} = {0.25 ** n:.3e}\n")
    norms = event.arrays.get("norms")
    if norms is not None and len(norms) > 1 and norms[-1] > 0:
        text.append(lab.tr("this network: ", "本网络：")
                    + f"‖∇W₁‖/‖∇W_{len(norms)}‖ = {norms[0] / norms[-1]:.3e}\n")
    return text


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    toggles = Toggles(lab, [
        ("a", "activation", ("sigmoid", "tanh", "relu", "leaky_relu"), "Activation", "激活函数"),
        ("i", "init", ("xavier", "he"), "Init", "初始化"),
        ("s", "residual", (False, True), "Residual", "残差连接"),
        ("d", "depth", (5, 10, 20, 50), "Depth", "层数"),
    ])
    bars = GradientBars(lab.tr("log10 ‖∂E/∂W_l‖ per layer", "每层的 log10 ‖∂E/∂W_l‖"),
                        xlabel=lab.tr("layer", "层"), lang=lab.lang)
    return [toggles, bars, TextPanel(partial(table_text, lab))]
