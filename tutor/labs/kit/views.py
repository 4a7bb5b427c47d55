"""Small Textual pieces the Labs II views share (imported only by view modules).

    matrix_text(a, box, filled)   numbers in a grid, one window highlighted
    bars_text(values, labels)     horizontal bars with their numbers (probabilities, gates, |gradients|)
    TextPanel                     a Static that redraws from (event, history)
    CurvesPlot                    loss / accuracy per epoch from the epoch events seen
"""
from __future__ import annotations

import math

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from tutor.labs.kit.training import epoch_series, num
from tutor.locale import N_, t, translated
from tutor.widgets.plot import Plot

HIGHLIGHT = "bold black on yellow"
DIM = "grey50"


def matrix_text(a, box=None, filled=None, digits: int = 1, title: str = "", width: int | None = None,
                style_of=None) -> Text:
    """A matrix as text.  box = (top, left, rows, cols) is highlighted; cells
    where `filled` is False are shown as '·' (not computed yet)."""
    a = np.atleast_2d(np.asarray(a, dtype=float))
    cells = [[num(v, digits) for v in row] for row in a]
    w = width or max(len(c) for row in cells for c in row)
    text = Text()
    if title:
        text.append(title + "\n", style="bold")
    for i, row in enumerate(cells):
        for j, cell in enumerate(row):
            shown = cell if filled is None or bool(np.asarray(filled)[i, j]) else "·"
            style = ""
            if box is not None:
                top, left, h, wd = box
                if top <= i < top + h and left <= j < left + wd:
                    style = HIGHLIGHT
            if not style and style_of is not None:
                style = style_of(i, j) or ""
            if shown == "·" and not style:
                style = DIM
            text.append(shown.rjust(w), style=style)
            if j < len(row) - 1:
                text.append(" ")
        text.append("\n")
    return text


def bars_text(values, labels, width: int = 24, vmax: float | None = None, digits: int = 3,
              highlight: int | None = None) -> Text:
    """One line per value: label, a bar (negative values to the left of 0 are drawn in red), the number."""
    values = [float(v) for v in values]
    finite = [abs(v) for v in values if math.isfinite(v)]
    top = vmax if vmax else (max(finite) if finite else 1.0) or 1.0
    lw = max((cell_len(str(label)) for label in labels), default=1)
    text = Text()
    for k, (v, label) in enumerate(zip(values, labels)):
        n = 0 if not math.isfinite(v) else int(round(min(abs(v) / top, 1.0) * width))
        colour = "red" if v < 0 else "green"
        style = "bold" if k == highlight else ""
        text.append(" " * (lw - cell_len(str(label))) + str(label) + " ", style=style)
        text.append("█" * n, style=colour)
        text.append(" " * (width - n) + " ")
        text.append((f"{v:.{digits}f}" if math.isfinite(v) else "—") + "\n", style=style)
    return text


class TextPanel(Static):
    """A Static whose text a function computes from (event, history)."""

    DEFAULT_CSS = """
    TextPanel { height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, render, **kwargs) -> None:
        super().__init__("", **kwargs)
        self._render_fn = render

    def show(self, event, history) -> None:
        out = self._render_fn(event, history)
        if out is not None:
            self.update(out)

    def reset(self) -> None:
        self.update("")


class CurvesPlot(Plot):
    """Training loss, training accuracy and test accuracy per epoch (from the epoch events' EpochValues)."""

    SERIES = ((lambda v: v.train_loss, N_("loss")), (lambda v: v.train_acc, N_("train acc")),
              (lambda v: v.val_acc, N_("test acc")))

    def __init__(self, title: str, **kwargs) -> None:
        super().__init__(title, xlabel=t("epoch"), legend_below=True, **kwargs)   # the legend not over the curves
        self.series_of = tuple((pick, translated(label)) for pick, label in self.SERIES)

    def show(self, event, history) -> None:
        for pick, label in self.series_of:
            xs, ys = epoch_series(history, pick)
            self.set_series(label, xs, ys)

    def reset(self) -> None:
        self.clear()
