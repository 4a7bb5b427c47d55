"""Issue 18 item 10: plot legends were drawn over the data (cnn, digits): plotext puts them in
the canvas' top-left corner, where accuracy curves near 1 run.  With legend_below the chart is
one row shorter and the legend sits under it, each label in its series' colour."""
from __future__ import annotations

import asyncio

from textual.app import App

from tutor.labs.cnn.view import AccuracyPlot
from tutor.labs.kit.views import CurvesPlot
from tutor.widgets.plot import Plot


class Holder(App):
    def __init__(self, plot: Plot) -> None:
        super().__init__()
        self.plot = plot

    def compose(self):
        yield self.plot


def _drawn(plot: Plot, series) -> list[str]:
    async def go():
        app = Holder(plot)
        async with app.run_test(size=(70, 16)) as pilot:
            for name, label, ys in series:
                plot.set_series(name, list(range(1, len(ys) + 1)), ys, label=label)
            plot.flush()
            await pilot.pause()
            return plot.render().plain.splitlines()

    return asyncio.run(go())


SERIES = [("CNN test acc", "CNN test acc", [0.95, 0.97, 0.98, 0.985, 0.99]),
          ("MLP test acc", "MLP test acc", [0.93, 0.95, 0.96, 0.965, 0.97])]


def test_the_cnn_accuracy_legend_is_under_the_chart():
    lines = _drawn(AccuracyPlot("test accuracy", xlabel="epoch", legend_below=True), SERIES)
    frame_bottom = max(k for k, line in enumerate(lines) if "└" in line)
    inside = lines[:frame_bottom + 1]
    assert not [line for line in inside if "CNN test acc" in line or "MLP test acc" in line], "\n".join(lines)
    assert "CNN test acc" in lines[-1] and "MLP test acc" in lines[-1]


def test_curves_plots_put_the_legend_under_the_chart():
    lines = _drawn(CurvesPlot("loss and accuracy"), [("test acc", "test acc", [0.9, 0.95, 0.97])])
    frame_bottom = max(k for k, line in enumerate(lines) if "└" in line)
    assert not [line for line in lines[:frame_bottom + 1] if "test acc" in line]
    assert "test acc" in lines[-1]


def test_a_plot_without_the_option_is_drawn_as_before():
    lines = _drawn(Plot("p"), SERIES[:1])
    assert any("CNN test acc" in line for line in lines[:-1])
