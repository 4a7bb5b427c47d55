"""Lab iris: the Pilot drill; after training the regions and confusion matrix are on screen."""
from __future__ import annotations

import pytest

from labs2_pilot import drill, run_to_end, screen_text


def test_iris_keys_regions_and_confusion():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        await pilot.pause()
        text = screen_text(app)
        assert "confusion matrix" in text and "versicolor" in text
        regions = app.screen.query_one("RegionsMap")
        assert regions.data.shape == (48, 48) and set(regions.data.ravel()) <= {0, 1, 2, 3, 4, 5}
        plot = app.screen.query_one("CurvesPlot")
        assert len(plot.series["test acc"].x) >= 5
        return True

    assert drill("iris", ("epochs=20",), after=after)


def test_iris_same_feature_twice_is_refused():
    from tutor.labs import LabError, get_lab

    with pytest.raises(LabError, match="two different features"):
        get_lab("iris").from_tokens(["x=sepal_width", "y=sepal_width"])
