"""Lab fit: the Pilot drill; the curve plot has the target and the network; divergence is a clean stop."""
from __future__ import annotations

import math

from labs2_pilot import drill, run_to_end


def test_fit_keys_and_curves():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        curve = app.screen.query_one("CurvePlot")
        assert set(curve.series) == {"target", "learned"}
        assert len(curve.series["learned"].x) == 101
        return True

    assert drill("fit", ("epochs=30", "hidden=8"), after=after)


def test_fit_divergence_stops_with_a_step_and_no_nan_in_plots():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "diverged"
        k = stepper.current.values["step"]
        assert isinstance(k, int) and k > 0
        assert f"diverged at step {k}" in stepper.message
        for plot in app.screen.query("LossPlot, CurvePlot"):
            for s in plot.series.values():
                assert all(math.isfinite(y) for y in s.y)
        return True

    assert drill("fit", ("optimizer=sgd", "lr=50", "epochs=200"), steps=2, after=after)
