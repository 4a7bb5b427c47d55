"""Shared Pilot drill for the Labs II tests (conv, cnn, rnn, lstm, digits, iris, fit).

Opens the real app on a lab (`DLTutorApp(lab=NAME, lab_args=...)`), then
steps, steps back, resets, runs and pauses with the keys a student uses, and
fails on any error notice (a lab error or a panel error) or a traceback.
"""
from __future__ import annotations

import asyncio


async def settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def step_until(pilot, stepper, count: int) -> None:
    """Press space until the stepper shows event `count` (or the run ends)."""
    for _ in range(count * 3):
        if stepper.cursor >= count or stepper.finished:
            return
        await pilot.press("space")
        await settle(pilot, 2)


def drill(name: str, args: tuple[str, ...] = (), *, steps: int = 4, size=(140, 45), after=None,
          lang: str = "en"):
    """Run the key drill; returns what `after(app, stepper)` returns (checked inside)."""
    result = {}

    async def go():
        from tutor.app import DLTutorApp
        from tutor.widgets.stepper import Stepper

        app = DLTutorApp(lang=lang, student="test", store=None, lab=name, lab_args=args,
                         lessons=[], problems=[])
        notices = []
        original = app.notify

        def notify(message, *a, severity="information", **kw):
            notices.append((severity, str(message)))
            return original(message, *a, severity=severity, **kw)

        app.notify = notify
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            assert not getattr(app.screen, "error", ""), app.screen.error
            stepper = app.screen.query_one(Stepper)
            assert stepper.history, "the first step is shown on opening"
            await step_until(pilot, stepper, steps)
            assert stepper.cursor >= min(steps, len(stepper.history) - 1)
            here = stepper.cursor
            await pilot.press("left")
            await settle(pilot)
            assert stepper.cursor == here - 1
            await pilot.press("space")
            await settle(pilot)
            assert stepper.cursor == here
            await pilot.press("0")                      # reset
            await settle(pilot)
            assert stepper.cursor == 0 and len(stepper.history) == 1
            await pilot.press("plus", "plus", "plus")   # faster
            await pilot.press("r")                      # run
            assert stepper.running or stepper.finished  # a short run may already be over
            for _ in range(6):                          # let it run (not settle: that would wait for
                await pilot.pause(0.1)                  # a training worker's whole run to end)
            if stepper.running:
                for _ in range(2):                      # pause; a run that ended between the check and
                    await pilot.press("r")              # the key is started again by that r, so a
                    await settle(pilot)                 # second r pauses it (seen in CI on rnn T=6)
                    if not stepper.running:
                        break
                assert not stepper.running
            else:                                       # over already: r would start it again
                assert stepper.finished
            assert stepper.cursor >= 1
            if after is not None:
                result["value"] = await after(pilot, app, stepper)
            await settle(pilot)
        bad = [m for sev, m in notices if sev in ("error", "warning")]
        assert not bad, bad

    asyncio.run(go())
    return result.get("value")


async def run_to_end(pilot, stepper, limit: int = 5000) -> None:
    """Step (fast) until the run has finished and the last event is shown."""
    for i in range(limit):
        if stepper.finished and stepper.cursor >= len(stepper.history) - 1:
            await pilot.pause()
            return
        stepper.action_step()
        await pilot.app.workers.wait_for_complete()
        if i % 10 == 9:
            await pilot.pause()
    raise AssertionError("the run did not finish")


def screen_text(app) -> str:
    """The current screen as plain text, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
