"""Readable in greyscale: two series never differ by colour alone.

Within each plot, every data line (the lines that carry a gid: series and
reference lines) has its own line style and marker pair; in every legend,
each entry differs from the others in line style, marker, hatch or grey level.
"""
from __future__ import annotations

import pytest
from chart_helpers import built

from tutor.charts import NUMBERS


def look(artist) -> tuple:
    """What survives a greyscale print: line style, marker, hatch, and fill luminance."""
    from matplotlib.colors import to_rgb
    from matplotlib.lines import Line2D

    if isinstance(artist, Line2D):
        style = artist.get_linestyle() if artist.get_linewidth() > 0 else "None"
        return ("line", style, str(artist.get_marker()))
    r, g, b = to_rgb(artist.get_facecolor())
    return ("patch", artist.get_hatch() or "", round(0.2126 * r + 0.7152 * g + 0.0722 * b, 1))


@pytest.mark.parametrize("number", NUMBERS)
def test_series_in_a_plot_differ_in_more_than_colour(number):
    fig, _, _ = built(number, "en")
    for ax in fig.findobj(lambda a: hasattr(a, "get_lines") and hasattr(a, "get_legend")):
        lines = [ln for ln in ax.get_lines() if ln.get_gid()]
        looks = [look(ln) for ln in lines]
        assert len(set(looks)) == len(looks), (number, [ln.get_gid() for ln in lines], looks)
    for legend in fig.findobj(lambda a: type(a).__name__ == "Legend"):
        entries = [look(h) for h in legend.legend_handles]
        assert len(set(entries)) == len(entries), (number, entries)


def test_the_check_catches_colour_only_series():
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    ax.plot([0, 1], [0, 1], color="red", gid="a")
    ax.plot([0, 1], [1, 0], color="blue", gid="b")
    looks = [look(ln) for ln in ax.get_lines()]
    assert len(set(looks)) < len(looks)
