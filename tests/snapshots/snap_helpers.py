"""What the snapshot tests share: one terminal size, waiting for a step, and
drawing now what the app would draw on its next tick.

Every picture must be the same on every run: fixed seeds (the labs' defaults),
a fresh data folder (tmp_path), no clock on screen, and no picture taken while a
plot is still waiting for its redraw timer (Plot redraws at most 4 times a second)."""
from __future__ import annotations

from typing import Callable

from textual.worker import WorkerCancelled

SIZE = (100, 30)      # the labs' wide layout starts at 100 columns
LIMIT = 400           # pauses before we say the app is stuck (each is a few ms)


async def wait_until(pilot, ready: Callable[[], bool], what: str) -> None:
    """Let workers and messages run until `ready()`; a liveness bound, not a timing."""
    for _ in range(LIMIT):
        if ready():
            return
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:       # a restart's pull replaced the one in flight (stepper.py)
            pass
        await pilot.pause()
    raise AssertionError(f"the app never got to {what}")


def draw_now(screen) -> None:
    """Draw what is waiting for a redraw timer: a view that collects steps and redraws
    on a timer (the playground's), then every plot."""
    from tutor.widgets.plot import Plot

    for widget in screen.query("*"):
        if getattr(widget, "dirty", None) is True and callable(getattr(widget, "redraw", None)):
            widget.redraw()
    for plot in screen.query(Plot):
        plot.flush()


def at_step(step: int):
    """A `run_before` for snap_compare: the lab screen at step `step`, fully drawn."""
    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_until(pilot, lambda: bool(app.screen.query("#stepper")), "the lab's stepper")
        screen = app.screen
        stepper = screen.query_one("#stepper")
        screen.go_to_step(step)
        await wait_until(pilot, lambda: (stepper.cursor == step or stepper.finished) and not stepper.busy,
                         f"step {step}")
        assert stepper.cursor == step, f"the run ended at step {stepper.cursor}, before step {step}"
        draw_now(screen)
    return run_before
