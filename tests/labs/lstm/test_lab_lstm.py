"""Lab lstm: the Pilot drill for every cell; the gate bars and formulas on screen."""
from __future__ import annotations

import pytest

from labs2_pilot import drill, run_to_end, screen_text


@pytest.mark.parametrize("cell, gate_text", [("lstm", "C̃ₜ"), ("gru", "h̃ₜ")])
def test_lstm_keys_and_gate_bars(cell, gate_text):
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        while stepper.current.kind not in ("gate", "forward"):
            stepper.action_back()
        stepper.action_back()
        await pilot.pause()
        text = screen_text(app)
        assert gate_text in text and "time step t = 2" in text
        return True

    assert drill("lstm", (f"cell={cell}", "T=2"), after=after)


def test_lstm_parameter_counts_on_screen():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        await pilot.pause()
        text = screen_text(app)
        assert "peephole" in text and "= 38" in text     # 4·(2·3+2) + 3·2
        return True

    assert drill("lstm", ("cell=peephole", "hidden=2", "T=1"), steps=2, after=after)
