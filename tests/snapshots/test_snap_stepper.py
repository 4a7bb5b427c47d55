"""The Stepper on its own (no lab panels): a run of eight steps, shown at step 4,
with its status line, caption, formula and the recent steps."""
from __future__ import annotations

from engine.events import N_, Event

from app_helpers import make_app
from snap_helpers import SIZE, at_step


def descent_run():
    """Gradient descent on f(x) = x², η = 0.25: x halves at every step (exact numbers)."""
    x = 4.0
    for k in range(8):
        new = x - 0.25 * 2 * x
        formula = rf"x_{{{k + 1}}} = x_{{{k}}} - \eta f'(x_{{{k}}}) = {x:g} - 0.25 \cdot {2 * x:g} = {new:g}"
        yield Event.said("iteration", N_("Iteration {k}"), {"k": k}, formula, values={"x": new}, step=k)
        x = new


def test_stepper_in_the_middle_of_a_run(snap_compare):
    from tutor.screens.lab import LabScreen

    async def open_then_step(pilot):
        await pilot.app.push_screen(LabScreen("descent", make_run=descent_run, title="Descent on x²"))
        await at_step(4)(pilot)

    assert snap_compare(make_app(lessons=[]), terminal_size=SIZE, run_before=open_then_step)
