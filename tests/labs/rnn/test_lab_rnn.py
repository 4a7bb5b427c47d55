"""Lab rnn: the Pilot drill; the gradient bars fade."""
from __future__ import annotations

from labs2_pilot import drill, run_to_end, screen_text


def test_rnn_keys_and_fading_bars():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        await pilot.pause()
        text = screen_text(app)
        assert "|∂h_8/∂h_t|" in text and "t=1" in text
        norms = stepper.current.arrays["norms"]
        assert norms[0] < norms[-1]          # fades towards the start
        return True

    assert drill("rnn", ("T=8", "hidden=2"), after=after)
