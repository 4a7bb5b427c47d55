"""A live plot (line, scatter, bar) over plotext, redrawn at a bounded rate.

A lab may hand it new data after every step — hundreds of times a second
when running fast.  Updates only store the data and mark the plot dirty; a
timer redraws at most `max_hz` times a second (4 by default), and only when
something changed, so the screen never flickers and keys stay responsive.
Non-finite points are dropped: a diverging run never puts nan into a plot.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import plotext._utility
from rich.cells import cell_len
from rich.text import Text
from textual_plotext import PlotextPlot

KINDS = ("line", "scatter", "bar")


def _in_order(data) -> list:
    """plotext drops duplicates through a set, so which tick labels of a bar chart
    survive (and the order it draws points in) changed with Python's hash seed: the
    same chart had other numbers under it each time the app started.  Keep the
    first of each, in order (the line plotext itself left commented out)."""
    return list(dict.fromkeys(data))


plotext._utility.no_duplicates = _in_order


@dataclass
class Series:
    x: list
    y: list
    kind: str = "line"
    label: str = ""
    color: str | None = None
    marker: str | None = None


def finite_pairs(x, y) -> tuple[list, list]:
    """Drop points where x or y is nan or infinite (bars may have text labels)."""
    xs, ys = [], []
    for a, b in zip(x, y):
        try:
            fb = float(b)
        except (TypeError, ValueError):
            continue
        if not math.isfinite(fb):
            continue
        if isinstance(a, (int, float)) and not math.isfinite(float(a)):
            continue
        xs.append(a)
        ys.append(fb)
    return xs, ys


def fit_cells(text: Text, width: int) -> Text:
    """plotext counts a Chinese character as one column, the terminal shows two:
    on a line that comes out too wide, take the extra columns out of its trailing
    spaces, then out of the gaps of spaces after the wide characters (a title's or
    a legend's padding), so the frame of the plot stays straight instead of wrapping."""
    lines = text.split("\n", allow_blank=True)
    fitted = Text()
    for n, line in enumerate(lines):
        extra = line.cell_len - width
        if extra > 0 and width > 0:          # trailing spaces first (a title's padding: nothing follows)
            trailing = len(line.plain) - len(line.plain.rstrip(" "))
            line = line[:len(line.plain) - min(extra, trailing)]
            extra -= min(extra, trailing)
        if extra > 0 and width > 0:
            plain = line.plain
            wide = [i for i, ch in enumerate(plain) if cell_len(ch) > 1]
            i = wide[-1] + 1 if wide else 0
            while extra > 0 and i < len(plain):
                if plain[i] == " " and plain[i + 1:i + 2] == " ":
                    j = i
                    while j < len(plain) and plain[j] == " ":
                        j += 1
                    cut = min(extra, j - i - 1)          # keep one space of the gap
                    line = line[:i] + line[i + cut:]
                    plain = plain[:i] + plain[i + cut:]
                    extra -= cut
                    i = j - cut
                else:
                    i += 1
            if extra > 0:                       # no gap left: drop the columns just before the frame
                keep = max(0, len(line) - 1 - extra)
                line = line[:keep] + line[len(line) - 1:]
        if n:
            fitted.append("\n")
        fitted.append_text(line)
    return fitted



def _within(v, limits) -> bool:
    return not limits or limits[0] <= v <= limits[1]


class Plot(PlotextPlot):
    """`plot.set_series("loss", xs, ys)` as often as you like."""

    DEFAULT_CSS = """
    Plot {
        width: 1fr;
        height: 1fr;
        min-height: 6;
    }
    """

    # Colours given to labelled series when the legend is drawn below the chart (the legend
    # line must show each series in its colour; these names mean the same in plotext and Rich).
    LEGEND_COLORS = ("cyan", "magenta", "green", "yellow", "red", "blue")

    def render(self):
        # Titles, axis labels and legends may be Chinese (see fit_cells).
        legend = self._legend_line()
        if legend is None or self.size.height < 4:
            return fit_cells(super().render(), self.size.width)
        # plotext puts its legend inside the canvas, over the data: draw the chart one row
        # shorter and the legend on that row instead.
        self._plot.plotsize(self.size.width, self.size.height - 1)
        self._plot._set_size(self.size.width, self.size.height - 1)
        self._plot.theme(self._get_plotext_theme_name(self.app.theme))
        chart = Text.from_ansi(self._plot.build())
        chart.rstrip()
        return fit_cells(chart + Text("\n") + legend, self.size.width)

    def _legend_line(self) -> Text | None:
        if not self.legend_below:
            return None
        shown = [s for s in self.series.values() if s.label and s.x]
        if not shown:
            return None
        line = Text(" ")
        for s in shown:
            line.append("── " if s.kind == "line" else "•  ", style=s.color or "")
            line.append(f"{s.label}   ")
        return line

    def __init__(self, title: str = "", *, xlabel: str = "", ylabel: str = "",
                 max_hz: float = 4.0, legend_below: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.legend_below = legend_below
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.max_hz = max(0.5, float(max_hz))
        self.series: dict[str, Series] = {}
        self.xlim: tuple[float, float] | None = None
        self.ylim: tuple[float, float] | None = None
        self.draws = 0          # how many times the data was handed to plotext
        self._dirty = True

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(1 / self.max_hz, self.flush)
        self.flush()

    # --- what labs call ---------------------------------------------------
    def set_series(self, name: str, x, y, kind: str = "line", *, label: str | None = None,
                   color: str | None = None, marker: str | None = None) -> None:
        if kind not in KINDS:
            raise ValueError(f"plot kind {kind!r}: expected one of {KINDS}")
        xs, ys = finite_pairs(list(x), list(y))
        if color is None and self.legend_below:      # a colour the legend line can name
            known = self.series.get(name)
            color = known.color if known else self.LEGEND_COLORS[len(self.series) % len(self.LEGEND_COLORS)]
        self.series[name] = Series(xs, ys, kind, name if label is None else label, color, marker)
        self._dirty = True

    def remove_series(self, name: str) -> None:
        if self.series.pop(name, None) is not None:
            self._dirty = True

    def clear(self) -> None:
        self.series.clear()
        self._dirty = True

    def set_limits(self, xlim=None, ylim=None) -> None:
        self.xlim, self.ylim = xlim, ylim
        self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    # --- drawing ------------------------------------------------------------
    def flush(self) -> None:
        """Hand the data to plotext and repaint, if anything changed."""
        if not self._dirty:
            return
        self._dirty = False
        self.draws += 1
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if self.title:
            plt.title(self.title)
        if self.xlabel:
            plt.xlabel(self.xlabel)
        if self.ylabel:
            plt.ylabel(self.ylabel)
        for s in self.series.values():
            if not s.x:
                continue
            if s.kind != "bar" and (self.xlim or self.ylim):
                # plotext raises IndexError for a labelled series with no point inside the limits
                inside = [(a, b) for a, b in zip(s.x, s.y) if _within(a, self.xlim) and _within(b, self.ylim)]
                if not inside:
                    continue
            options = {"label": s.label} if s.label and not self.legend_below else {}
            if s.color:
                options["color"] = s.color
            if s.kind == "bar":
                plt.bar(s.x, s.y, **options)
            elif s.kind == "scatter":
                plt.scatter(s.x, s.y, marker=s.marker or "dot", **options)
            else:
                plt.plot(s.x, s.y, marker=s.marker or "braille", **options)
        if self.xlim:
            plt.xlim(*self.xlim)
        if self.ylim:
            plt.ylim(*self.ylim)
        self.refresh()
