"""The rnn lab's panels: h_t per unit over time, and |∂h_T/∂h_t| as bars."""
from __future__ import annotations

import numpy as np
from rich.text import Text

from tutor.labs.kit.views import TextPanel, bars_text
from tutor.labs.rnn import BackValues
from tutor.locale import t
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


def gradient_bars(event, history):
    norms = event.arrays.get("norms")
    if norms is None:
        return Text(t("|∂h_T/∂h_t| appears once the forward pass is done."), style="italic")
    T = len(norms)
    finite = np.where(np.isfinite(norms), norms, 0.0)
    text = Text(t("|∂h_{T}/∂h_t|  (each step back multiplies by diag(1 − h²) W_hh)", T=T) + "\n", style="bold")
    labels = [f"t={s}" for s in range(1, T + 1)]
    back = BackValues.of(event)          # the end highlights none
    bars = bars_text(finite, labels, width=28, digits=4, highlight=back.t - 1 if back is not None else None)
    return text + bars


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [HiddenPlot(t("hₜ per hidden unit"), xlabel="t"), TextPanel(gradient_bars)]
