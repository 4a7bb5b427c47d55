"""Lab cnn: the Pilot drill; both accuracy curves and the channel maps; divergence is a clean stop."""
from __future__ import annotations

import math

from labs2_pilot import drill, run_to_end


def test_cnn_keys_curves_and_maps():
    async def after(pilot, app, stepper):
        from tutor.widgets.heatmap import Heatmap

        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        plot = app.screen.query_one("AccuracyPlot")
        assert len(plot.series["CNN test acc"].x) == 2 and len(plot.series["MLP test acc"].x) == 2
        kernels = app.screen.query_one("#cnn-kernels", Heatmap)
        assert kernels.data.shape == (3, 3 * 3 + 2)      # three 3×3 kernels with two gaps
        # stepping back to a channel event shows that channel's kernel alone
        while stepper.current.kind != "forward":
            stepper.action_back()
        await pilot.pause()
        assert kernels.data.shape == (3, 3)
        return True

    assert drill("cnn", ("epochs=2", "channels=3"), after=after)


def test_cnn_absurd_learning_rate_is_a_clean_run():
    # softmax + cross-entropy has a bounded gradient (ŷ − t), so a huge η wrecks
    # the accuracy without overflowing; either way no nan may reach a plot
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end in ("done", "diverged")
        plot = app.screen.query_one("AccuracyPlot")
        assert all(math.isfinite(y) for s in plot.series.values() for y in s.y)
        return True

    assert drill("cnn", ("epochs=2", "channels=2", "lr=1e6", "optimizer=sgd"), steps=1, after=after)
