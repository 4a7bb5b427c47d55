"""The heatmap, the plot, formulas and page text, one at a time."""
from __future__ import annotations

import numpy as np
from textual.app import App

from app_helpers import screen_text


# --- heatmap -------------------------------------------------------------------
def test_diverging_map_is_white_at_zero_blue_below_red_above():
    from tutor.widgets.heatmap import colours, value_range

    lo, hi = value_range(np.array([[-2.0, 0.5], [1.0, 0.0]]), "diverging", None, None)
    assert (lo, hi) == (-2.0, 2.0)                       # symmetric, so 0 is the middle
    low, zero, high = colours(np.array([-2.0, 0.0, 2.0]), lo, hi)
    assert tuple(zero) == (221, 221, 221)
    assert low[2] > low[0] and high[0] > high[2]         # blue end, red end


def test_non_finite_values_are_grey_not_an_error():
    from tutor.widgets.heatmap import colours, value_range

    data = np.array([np.nan, np.inf, 1.0])
    lo, hi = value_range(data, "gray", None, None)
    rgb = colours(data, lo, hi, "gray")
    assert tuple(rgb[0]) == tuple(rgb[1]) == (128, 128, 128)


def test_fit_grows_small_images_by_whole_factors_and_shrinks_big_ones():
    from tutor.widgets.heatmap import fit

    assert fit((8, 8), 40, 20) == (16, 16)               # 8×8 digit, crisp ×2
    assert fit((8, 8), 40, 50) == (40, 40)               # ×5 limited by the width
    rows, cols = fit((200, 100), 50, 40)
    assert rows <= 40 and cols <= 50


def test_two_pixels_per_cell():
    from tutor.widgets.heatmap import half_block_lines

    pixels = np.zeros((3, 2, 3), np.uint8)
    pixels[0] = (255, 0, 0)
    pixels[1] = (0, 0, 255)
    lines = half_block_lines(pixels)
    assert len(lines) == 2                               # 3 pixel rows → 2 terminal rows
    first = lines[0][0]
    assert first.text == "▀"
    assert first.style.color.triplet == (255, 0, 0)      # upper pixel: foreground
    assert first.style.bgcolor.triplet == (0, 0, 255)    # lower pixel: background


async def test_heatmap_draws_with_a_legend():
    from tutor.widgets.heatmap import Heatmap

    class One(App):
        def compose(self):
            yield Heatmap(np.arange(64, dtype=float).reshape(8, 8) - 32, title="W1", id="h")

    app = One()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert lines[0].startswith("W1")
        assert sum("▀" in line for line in lines) == 8          # 16 pixel rows in 8 terminal rows
        assert "-32" in lines[9] and "32" in lines[9]           # the legend under the image
        heatmap = app.query_one(Heatmap)
        heatmap.set_data(np.ones((2, 2)))
        await pilot.pause()
        assert heatmap.data.shape == (2, 2)


# --- plot ------------------------------------------------------------------------
async def test_plot_coalesces_updates_and_drops_nan():
    from tutor.widgets.plot import Plot

    class One(App):
        def compose(self):
            yield Plot("loss", max_hz=4, id="p")

    app = One()
    async with app.run_test(size=(60, 20)) as pilot:
        plot = app.query_one(Plot)
        await pilot.pause()
        before = plot.draws
        for k in range(1, 101):                      # a fast run: 100 updates at once
            plot.set_series("loss", range(k), [1 / (i + 1) for i in range(k)])
        plot.set_series("bad", [0, 1, 2], [1.0, float("nan"), float("inf")], kind="scatter")
        assert plot.dirty
        plot.flush()
        plot.flush()                                 # nothing new: no second draw
        assert plot.draws == before + 1
        assert plot.series["bad"].y == [1.0]
        assert len(plot.series["loss"].x) == 100
        await pilot.pause()
        assert "loss" in screen_text(app)


async def test_a_chinese_title_and_legend_keep_the_plot_frame_inside_its_width():
    from rich.text import Text

    from tutor.widgets.plot import Plot, fit_cells

    class One(App):
        def compose(self):
            yield Plot("训练损失和测试准确率", xlabel="轮次", id="p")

    app = One()
    async with app.run_test(size=(50, 16)) as pilot:
        plot = app.query_one(Plot)
        plot.set_series("loss", [0, 1, 2, 3], [3, 2, 1.5, 1], label="训练损失")
        plot.set_series("acc", [0, 1, 2, 3], [0.1, 0.5, 0.7, 0.8], label="测试准确率")
        plot.flush()
        await pilot.pause()
        lines = plot.render().split("\n", allow_blank=True)
        assert max(line.cell_len for line in lines) <= plot.size.width
        assert "训练损失" in plot.render().plain
    # plotext's own output is too wide here: fit_cells is what keeps it straight
    wide = Text("训练损失    │  x  │")
    assert wide.cell_len == 19 and fit_cells(wide, 15).cell_len == 15


def test_plot_refuses_unknown_kinds():
    import pytest

    from tutor.widgets.plot import Plot

    with pytest.raises(ValueError):
        Plot().set_series("a", [1], [1], kind="pie")


BAR_CHART = """
import tutor.widgets.plot
import plotext as plt
plt.bar(list(range(1, 65)), [(k * 37) % 11 / 10 for k in range(1, 65)])
plt.plotsize(46, 12)
print(plt.build())
"""


def test_a_bar_chart_has_the_same_ticks_whatever_the_hash_seed():
    # plotext dropped duplicate ticks through a set: the labels kept under the bars
    # changed from one start of the app to the next (and broke the lab snapshots).
    import os
    import subprocess
    import sys

    def draw(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        return subprocess.run([sys.executable, "-c", BAR_CHART], env=env, capture_output=True, text=True,
                              check=True).stdout

    first = draw("1")
    assert "┬" in first                      # the x axis with its ticks
    assert draw("2") == first == draw("3")


# --- formulas and prose ---------------------------------------------------------------
def test_formula_falls_back_to_latex_when_the_renderer_fails(monkeypatch):
    import tutor.mathtext as mathtext
    from tutor.widgets.formula import block_renderable, inline_text

    def broken(*args, **kwargs):
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(mathtext, "render_block", broken)
    monkeypatch.setattr(mathtext, "render_inline", broken)
    assert str(block_renderable(r"\frac{a}{b}")) == r"\frac{a}{b}"
    assert inline_text(r"x^2") == "x^2"


def test_inline_math_is_rendered_and_display_math_split_out():
    from tutor.widgets.page_text import split_display_math, with_inline_math

    assert "$" not in with_inline_math("slope of $f$ at $x$")
    assert with_inline_math("costs \\$5 and {{2.0025|sqrt401}}") == "costs \\$5 and 2.0025"
    assert split_display_math("a $$x^2$$ b") == [("markdown", "a "), ("math", "x^2"), ("markdown", " b")]


async def test_heatmap_keeps_the_order_of_values_without_colour(monkeypatch):
    from tutor.widgets.heatmap import Heatmap

    monkeypatch.setenv("NO_COLOR", "1")

    class One(App):
        def compose(self):
            yield Heatmap(np.array([[-1.0, 0.0, 1.0]]), show_legend=False, id="h")

    app = One()
    async with app.run_test(size=(12, 4)) as pilot:
        await pilot.pause()
        heatmap = app.query_one(Heatmap)
        cells = [seg for seg in heatmap.render_line(0) if seg.text == "▀"]
        greys = [seg.style.color.triplet for seg in cells]
        assert all(r == g == b for r, g, b in greys)
        firsts = [greys[0][0], greys[len(greys) // 2][0], greys[-1][0]]
        assert firsts == sorted(firsts) and firsts[0] < firsts[-1]   # -1 darker than 0 darker than 1


async def test_plot_draws_line_scatter_and_bar():
    from tutor.widgets.plot import Plot

    class Three(App):
        def compose(self):
            yield Plot("curve", xlabel="x", ylabel="y", id="a")
            yield Plot("bars", id="b")

    app = Three()
    async with app.run_test(size=(60, 30)) as pilot:
        curve, bars = app.query_one("#a", Plot), app.query_one("#b", Plot)
        curve.set_series("f", [0, 1, 2, 3], [0, 1, 4, 9])
        curve.set_series("points", [0.5, 1.5], [1, 2], kind="scatter")
        curve.set_limits(xlim=(0, 3), ylim=(0, 9))
        bars.set_series("p", ["cat", "dog", "owl"], [0.7, 0.2, 0.1], kind="bar")
        curve.flush()
        bars.flush()
        await pilot.pause()
        text = screen_text(app)
        assert "curve" in text and "bars" in text and "dog" in text
        bars.remove_series("p")
        bars.clear()
        assert bars.dirty and not bars.series
