"""The rnn lab's panels: h_t per unit over time, and |∂h_T/∂h_t| as bars (English or Chinese)."""
from __future__ import annotations

import numpy as np
from rich.text import Text

from tutor.labs.kit.views import TextPanel, bars_text
from tutor.widgets.plot import Plot


class HiddenPlot(Plot):
    """Each hidden unit's h_t against t, as far as the run has got."""

    def show(self, event, history) -> None:
        hs = event.arrays.get("hs")
        if hs is None:
            for e in reversed(history):
                if "hs" in e.arrays:
                    hs = e.arrays["hs"]
                    break
        if hs is None or len(hs) == 0:
            self.clear()
            return
        for k in range(hs.shape[1]):
            self.set_series(f"h[{k + 1}]", list(range(1, len(hs) + 1)), list(hs[:, k]))

    def reset(self) -> None:
        self.clear()


def _tr(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def gradient_bars(event, history, lang: str = "en"):
    norms = event.arrays.get("norms")
    if norms is None:
        return Text(_tr(lang, "|∂h_T/∂h_t| appears once the forward pass is done.",
                        "前向传播完成后，这里显示 |∂h_T/∂h_t|。"), style="italic")
    T = len(norms)
    finite = np.where(np.isfinite(norms), norms, 0.0)
    text = Text(_tr(lang, f"|∂h_{T}/∂h_t|  (each step back multiplies by diag(1 − h²) W_hh)\n",
                    f"|∂h_{T}/∂h_t|（每往回退一步，都要乘以 diag(1 − h²) W_hh）\n"), style="bold")
    labels = [f"t={t}" for t in range(1, T + 1)]
    bars = bars_text(finite, labels, width=28, digits=4,
                     highlight=event.values.get("t", 0) - 1 if "t" in event.values else None)
    return text + bars


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    lang = lab.lang
    return [HiddenPlot(_tr(lang, "h_t per hidden unit", "每个隐藏单元的 h_t"), xlabel="t"),
            TextPanel(lambda event, history: gradient_bars(event, history, lang))]
