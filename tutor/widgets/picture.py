"""What a lab's panels draw right now, as plain data: the lab's picture, ready to be saved.

`snapshot(panels)` walks the panels in screen order and copies what each shows:
a Plot's series (x, y, kind, label) with its title, axis labels and limits; a
Heatmap's array with its colour map; any other text panel's lines as the
student reads them (tables, bars, diagrams).  tutor/charts/lab_picture.py
redraws these parts with matplotlib; this module never imports it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from tutor.widgets.heatmap import Heatmap
from tutor.widgets.plot import Plot, Series


@dataclass
class PlotPart:
    title: str
    xlabel: str
    ylabel: str
    series: list[Series]
    xlim: tuple | None = None
    ylim: tuple | None = None


@dataclass
class HeatPart:
    title: str
    data: np.ndarray
    cmap: str = "diverging"
    vmin: float | None = None
    vmax: float | None = None


@dataclass
class TextPart:
    lines: list[str] = field(default_factory=list)


def _plot(plot: Plot) -> PlotPart | None:
    series = [Series(list(s.x), list(s.y), s.kind, s.label, s.color, s.marker)
              for s in plot.series.values() if s.x]
    if not series:
        return None
    return PlotPart(str(plot.title or ""), str(plot.xlabel or ""), str(plot.ylabel or ""), series,
                    plot.xlim, plot.ylim)


def _heat(heat: Heatmap) -> HeatPart | None:
    data = np.array(heat.data, dtype=float)
    if data.ndim != 2 or data.size == 0:
        return None
    return HeatPart(str(heat.title or ""), data, heat.cmap, heat.vmin, heat.vmax)


def text_lines(widget: Widget) -> list[str]:
    """The widget's lines as the terminal shows them (its own rendering, at its size)."""
    width, height = widget.size.width, widget.size.height
    if width <= 0 or height <= 0:
        return []
    strips = widget.render_lines(Region(0, 0, width, height))
    lines = ["".join(segment.text for segment in strip).rstrip() for strip in strips]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _walk(widget: Widget, parts: list) -> None:
    if not widget.display:
        return
    if isinstance(widget, Plot):
        part = _plot(widget)
    elif isinstance(widget, Heatmap):
        part = _heat(widget)
    elif isinstance(widget, Static):
        lines = text_lines(widget)
        part = TextPart(lines) if lines else None
    else:
        for child in widget.children:
            _walk(child, parts)
        return
    if part is not None:
        parts.append(part)


def snapshot(panels) -> list:
    """The parts the lab's panels show now, in screen order (copies: the run may go on)."""
    parts: list = []
    for panel in panels:
        if isinstance(panel, Widget):
            _walk(panel, parts)
    return parts
