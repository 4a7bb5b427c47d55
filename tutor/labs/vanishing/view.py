"""The vanishing lab's panels: log-scale gradient bars, the 0.25ⁿ table, the toggles."""
from __future__ import annotations

import math
from functools import partial

from rich.text import Text

from tutor.labs.kit.toggles import Toggles
from tutor.labs.kit.views import TextPanel
from tutor.labs.vanishing import LayerValues
from tutor.locale import t
from tutor.widgets.plot import Plot


class GradientBars(Plot):
    """log10 ‖∂E/∂W_l‖ per layer: equal steps down mean equal factors."""

    def __init__(self, title: str, **kwargs) -> None:
        super().__init__(title, **kwargs)
        self.here = t("this layer")

    def show(self, event, history) -> None:
        norms = event.arrays.get("norms")
        if norms is None:
            return
        logs = [math.log10(n) if n > 0 else float("nan") for n in norms]
        self.set_series("log10 ‖∂E/∂W‖", list(range(1, len(logs) + 1)), logs, "bar")
        at = LayerValues.of(event)
        layer = at.layer if at is not None else None
        if layer is not None and math.isfinite(logs[layer - 1]):
            self.set_series(self.here, [layer], [logs[layer - 1]], "scatter", color="red", marker="●")
        else:
            self.remove_series(self.here)

    def reset(self) -> None:
        self.clear()


def table_text(lab, event, history):
    text = Text(t("n layers at the sigmoid's best slope 0.25") + "\n", style="bold")
    for n in (10, 20, 50):
        text.append(f"  0.25^{n:<2} = {0.25 ** n:.3e}\n")
    norms = event.arrays.get("norms")
    if norms is not None and len(norms) > 1 and norms[-1] > 0:
        text.append(t("this network: ‖∇W₁‖/‖∇W_{last}‖ = {ratio:.3e}", last=len(norms), ratio=norms[0] / norms[-1])
                    + "\n")
    return text


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    toggles = Toggles(lab, [
        ("a", "activation", ("sigmoid", "tanh", "relu", "leaky_relu"), t("Activation")),
        ("i", "init", ("xavier", "he"), t("Init")),
        ("s", "residual", (False, True), t("Residual")),
        ("d", "depth", (5, 10, 20, 50), t("Depth")),
    ])
    bars = GradientBars(t("log10 ‖∂E/∂W_l‖ per layer"), xlabel=t("layer"))
    return [toggles, bars, TextPanel(partial(table_text, lab))]
