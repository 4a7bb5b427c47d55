"""A lab's picture at the current step, redrawn with matplotlib and saved as PNG and SVG.

The parts come from tutor/widgets/picture.py (what the lab's panels show): one
panel of the figure per part, top to bottom, in the charts' look
(tutor/charts/style.py) and fonts (figures.drawing: Chinese in a CJK font).
A plot's series are drawn as series, a heatmap as an image, text (tables, bars,
diagrams) as monospaced lines — and that text is also written beside the
figure as a .txt file.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from tutor.charts.figures import drawing, save
from tutor.charts.style import GREY
from tutor.charts.style import series as series_style
from tutor.widgets.heatmap import value_range
from tutor.widgets.picture import HeatPart, PlotPart, TextPart

DPI = 200
WIDTH = 8.0          # inches
CMAPS = {"diverging": "coolwarm", "gray": "gray"}


def _height(part) -> float:
    if isinstance(part, TextPart):
        return max(0.5, 0.16 * len(part.lines) + 0.2)
    return 3.2


def _draw_plot(ax, part: PlotPart) -> None:
    for k, s in enumerate(part.series):
        style = series_style(k, markevery=max(1, len(s.x) // 12) if len(s.x) > 24 else None)
        label = s.label or None
        if s.kind == "bar":
            positions = np.arange(len(s.x))
            ax.bar(positions + 0.8 * k / len(part.series), s.y, width=0.8 / len(part.series),
                   color=style["color"], edgecolor="black", hatch=("", "//", "..", "xx")[k % 4], label=label)
            every = max(1, len(s.x) // 16)        # at most ~16 labels: 64 bars' labels would overlap
            ax.set_xticks(positions[::every], [str(x) for x in s.x][::every])
        elif s.kind == "scatter":
            ax.scatter(s.x, s.y, s=14, marker=style["marker"], color=style["color"], label=label)
        else:
            ax.plot(s.x, s.y, label=label, **style)
    if part.xlim:
        ax.set_xlim(*part.xlim)
    if part.ylim:
        ax.set_ylim(*part.ylim)
    ax.set_title(part.title)
    ax.set_xlabel(part.xlabel)
    ax.set_ylabel(part.ylabel)
    if any(s.label for s in part.series):
        ax.legend(loc="best")


def _draw_heat(ax, part: HeatPart) -> None:
    vmin, vmax = value_range(part.data, part.cmap, part.vmin, part.vmax)
    image = ax.imshow(part.data, cmap=CMAPS.get(part.cmap, "coolwarm"), vmin=vmin, vmax=vmax,
                      interpolation="nearest", aspect="equal")      # square cells, as in the terminal
    ax.figure.colorbar(image, ax=ax, shrink=0.9)
    ax.set_title(part.title)
    ax.grid(False)


def _draw_text(ax, part: TextPart) -> None:
    ax.axis("off")
    # the rc's family (a CJK font in Chinese) for the words; a monospaced font first keeps columns
    family = ["DejaVu Sans Mono", *[f for f in matplotlib.rcParams["font.family"] if f != "DejaVu Sans"]]
    ax.text(0.0, 1.0, "\n".join(part.lines), va="top", ha="left", fontsize=9, family=family,
            transform=ax.transAxes, color="black")


def figure(parts: list, title: str) -> Figure:
    """One figure with a panel per part (call inside `drawing`)."""
    heights = [_height(p) for p in parts]
    fig = Figure(figsize=(WIDTH, sum(heights) + 0.6), layout="constrained")
    fig.suptitle(title, fontweight="bold")
    axes = fig.subplots(len(parts), 1, height_ratios=heights, squeeze=False)[:, 0]
    for ax, part in zip(axes, parts):
        if isinstance(part, PlotPart):
            _draw_plot(ax, part)
        elif isinstance(part, HeatPart):
            _draw_heat(ax, part)
        else:
            _draw_text(ax, part)
    fig.text(0.99, 0.003, "dltutor", ha="right", va="bottom", fontsize=7, color=GREY)
    return fig


def save_picture(parts: list, folder: Path, stem: str, title: str, lang: str) -> list[Path]:
    """Write `stem`.png and .svg (and .txt when there is text) into `folder`; the files written.

    Raises NoCJKFont (Chinese without a Chinese font) and OSError (the folder cannot be written)."""
    folder = Path(folder).expanduser()
    with drawing(lang):
        fig = figure(parts, title)
        folder.mkdir(parents=True, exist_ok=True)
        written = save(fig, folder / stem, ["png", "svg"], DPI)
    texts = [p for p in parts if isinstance(p, TextPart)]
    if texts:
        path = folder / f"{stem}.txt"
        path.write_text(title + "\n\n" + "\n\n".join("\n".join(p.lines) for p in texts) + "\n", encoding="utf-8")
        written.append(path)
    return written
