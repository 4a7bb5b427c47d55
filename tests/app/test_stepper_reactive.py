"""The Stepper's state is reactive (issue 16 item 5): setting `cursor`, `running` or
`speed_index` redraws through the watchers, with no render call by hand."""
from __future__ import annotations

import threading

from test_app_stepper import Counter, Panel, open_stepper

from app_helpers import SIZE, make_app, screen_text, settle


async def test_setting_the_cursor_shows_that_step():
    run, panel = Counter(6), Panel()
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, run, [panel])
        for _ in range(3):
            await pilot.press("space")
            await settle(pilot)
        stepper.cursor = 1                                  # no _show() by hand
        await pilot.pause()
        assert panel.calls[-1] == (1, 2)
        assert "Iteration 1" in screen_text(app)


async def test_setting_running_and_speed_redraws_and_ticks():
    run = Counter(400)
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, run)
        stepper.speed_index = 5                              # 50 steps/s
        await pilot.pause()
        assert "50 steps/s" in screen_text(app)
        stepper.running = True                               # the watcher starts the timer
        for _ in range(200):
            await settle(pilot, 1)
            if stepper.cursor >= 3:
                break
        assert stepper.cursor >= 3
        stepper.running = False                              # ... and stops it
        await settle(pilot)
        where = stepper.cursor
        await pilot.pause(0.1)
        await settle(pilot)
        assert stepper.cursor == where
        assert "paused" in screen_text(app)


async def test_leaving_the_screen_cancels_the_pull():
    """A pull still computing when the student leaves is cancelled: its step never reaches a panel."""
    gate, panel = threading.Event(), Panel()

    def slow_run():
        yield from Counter(1)._events()
        gate.wait(10)                                        # the second step takes long
        yield from Counter(2)._events()

    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, slow_run, [panel])
        await pilot.press("space")                           # the pull of step 2 starts, and waits
        await pilot.pause()
        worker = next(w for w in app.workers if w.group == "stepper-pull")
        app.pop_screen()
        await pilot.pause()
        gate.set()
        await pilot.pause(0.2)
        assert worker.is_cancelled
        assert len(stepper.history) == 1 and panel.calls == [(0, 1)]
