"""The losses lab's panels (imported only by tutor.labs.panels_for()): the two losses and
their logit gradients against p, and the softmax + cross-entropy bars that a
student edits with keys."""
from __future__ import annotations

from typing import Callable

import numpy as np
from rich.text import Text
from textual.widgets import Static

from tutor.labs.kit.views import bars_text
from tutor.labs.losses.payload import BinaryLosses, step_values
from tutor.locale import t
from tutor.widgets.plot import Plot

PS = np.linspace(0.01, 0.99, 99)
NUDGE = 0.25          # how far one key press moves the selected logit


def _curve() -> list[BinaryLosses]:
    from tutor.labs.losses import binary_losses

    return [binary_losses(float(p)) for p in PS]


Reading = Callable[[BinaryLosses], float]


class LossCurves(Plot):
    """E against p for both losses (what `mse` and `ce` read: the losses or their gradients);
    the current p is marked."""

    def __init__(self, mse: Reading, ce: Reading, title: str, **kwargs) -> None:
        super().__init__(title, xlabel=t("p (probability of the true class)"), **kwargs)
        self.mse, self.ce = mse, ce
        curve = _curve()
        self.set_series("MSE (½)", PS, [mse(b) for b in curve], color="blue")
        self.set_series("CE", PS, [ce(b) for b in curve], color="red")

    def show(self, event, history) -> None:
        v = step_values(event)
        if isinstance(v, BinaryLosses):
            self.set_series("at p", [v.p, v.p], [self.mse(v), self.ce(v)], "scatter",
                            color="yellow", marker="●", label=f"p = {v.p:g}")
        else:
            self.remove_series("at p")

    def reset(self) -> None:
        self.remove_series("at p")


class SoftmaxBars(Static):
    """ŷ, t and ŷ − t for a logit vector; h/l choose a logit, k/j raise/lower it."""

    DEFAULT_CSS = """
    SoftmaxBars { height: auto; margin: 1 0 0 0; }
    """

    def __init__(self, logits, target: int, **kwargs) -> None:
        super().__init__("", **kwargs)
        # the panel's keys for the stepper's footer, in the student's language
        self.KEYS = [("h", "prev", t("Logit ←")), ("l", "next", t("Logit →")), ("k", "up", "z +"), ("j", "down", "z −")]
        self.start = list(logits)
        self.logits = list(logits)
        self.target = target
        self.selected = 0

    def on_mount(self) -> None:
        self.redraw()

    def action_prev(self) -> None:
        self.selected = (self.selected - 1) % len(self.logits)
        self.redraw()

    def action_next(self) -> None:
        self.selected = (self.selected + 1) % len(self.logits)
        self.redraw()

    def action_up(self) -> None:
        self.nudge(+NUDGE)

    def action_down(self) -> None:
        self.nudge(-NUDGE)

    def nudge(self, amount: float) -> None:
        value = self.logits[self.selected] + amount
        self.logits[self.selected] = float(np.clip(round(value, 6), -100.0, 100.0))
        self.redraw()

    def reset(self) -> None:
        self.logits, self.selected = list(self.start), 0
        self.redraw()

    def show(self, event, history) -> None:
        pass   # the bars follow the student's logits, not the steps

    def redraw(self) -> None:
        from tutor.labs.losses import softmax_ce

        s = softmax_ce(self.logits, self.target)
        labels = [f"{'▶' if j == self.selected else ' '} z{j}={z:+.2f}" for j, z in enumerate(self.logits)]
        text = Text(t("softmax + CE   h/l: choose z, k/j: raise/lower") + "\n", style="bold")
        text.append("ŷ = softmax(z)\n", style="italic")
        text.append(bars_text(s.yhat, labels, width=16, vmax=1.0, digits=3, highlight=self.selected))
        text.append(t("∂E/∂z = ŷ − t   (target class {target})", target=self.target) + "\n", style="italic")
        text.append(bars_text(s.grad, labels, width=16, vmax=1.0, digits=3, highlight=self.selected))
        text.append(f"E = −ln ŷ_{self.target} = {s.E:.4f}")
        self.update(text)


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [LossCurves(lambda b: b.mse, lambda b: b.ce, t("E against p   (MSE = ½(1 − p)², CE = −ln p)")),
            LossCurves(lambda b: b.dmse_dz, lambda b: b.dce_dz, t("∂E/∂z against p")),
            SoftmaxBars(lab.logits, lab.values["target"], id="softmax-bars")]
