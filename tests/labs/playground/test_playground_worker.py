"""The playground trains in a Textual worker while the stepper runs (issue 16 item 5):
pausing, a settings key and leaving the lab cancel it, and no thread is left training.

Each test trains at the default pace (25 epochs a second: a flat-out run would keep
Pilot.press waiting for an idle CPU) for a fraction of a second; the bounds below are
liveness checks (a worker that never stops), not timings."""
from __future__ import annotations

import asyncio
import sys
import threading
import time

from labs2_pilot import settle

ENDLESS = ("epochs=1000000",)     # never finishes by itself during a test


def training_threads() -> list[str]:
    """The threads whose stack is in the playground's code now: training, or about to."""
    frames = sys._current_frames()
    names = []
    for thread in threading.enumerate():
        frame = frames.get(thread.ident)
        while frame is not None:
            if "tutor/labs/playground/" in frame.f_code.co_filename.replace("\\", "/"):
                names.append(thread.name)
                break
            frame = frame.f_back
    return names


async def until(pilot, check, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while not check():
        if time.monotonic() > end:
            return False
        await pilot.pause(0.05)
    return True


async def stopped(pilot, trainer) -> bool:
    """No thread trains any more and the run's step counter stands still."""
    if not await until(pilot, lambda: not training_threads()):
        return False
    step = trainer.step
    await pilot.pause(0.3)
    return trainer.step == step and not training_threads()


def in_lab(args, body):
    """The home screen with the playground lab opened over it (so `q` comes back)."""
    async def go():
        from tutor.app import DLTutorApp
        from tutor.screens.lab import LabScreen

        app = DLTutorApp(lang="en", student="test", store=None, lessons=[], problems=[])
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            await app.push_screen(LabScreen("playground", args))
            await settle(pilot)
            await body(pilot, app, app.screen, app.screen.query_one("#stepper"))

    asyncio.run(go())


async def start_training(pilot, app, lab):
    await pilot.press("r")
    assert await until(pilot, lambda: lab.trainer.step > 50), "running trains in the background"
    return lab.trainer


def trainers(app) -> list:
    """The playground's training workers that have not finished."""
    return [w for w in app.workers if w.group == "playground-train" and not w.is_finished]


def test_leaving_while_training_stops_it_and_leaves_no_thread():
    async def body(pilot, app, screen, stepper):
        lab = screen.lab
        assert not hasattr(lab, "is_running")          # nothing of the UI plugged into the lab
        trainer = await start_training(pilot, app, lab)
        await pilot.press("q")                          # back to the home screen, still running
        assert app.screen is not screen
        assert await stopped(pilot, trainer), training_threads()
        assert not trainers(app)

    in_lab(ENDLESS, body)


def test_pausing_a_network_key_and_reset_cancel_the_training():
    async def body(pilot, app, screen, stepper):
        lab = screen.lab
        trainer = await start_training(pilot, app, lab)
        assert [w.is_running for w in trainers(app)] == [True]      # a Textual worker trains
        await pilot.press("r")                          # pause: the epochs stop advancing
        assert not stepper.running
        assert await stopped(pilot, trainer), training_threads()
        step = trainer.step
        await pilot.press("space")                      # paused, space is one step
        await settle(pilot)
        assert stepper.current.values["step"] == trainer.step == step + 1
        await start_training(pilot, app, lab)           # r again: the same run trains on
        assert lab.trainer is trainer and not stepper.finished
        await pilot.press("k")                          # a neuron more: a fresh run, paused
        await settle(pilot)
        assert lab.sizes == [5, 4] and stepper.cursor == 0 and not stepper.running
        assert await stopped(pilot, trainer), training_threads()
        frozen = trainer.step
        assert lab.trainer is not trainer and lab.trainer.sizes == [5, 4] and lab.trainer.step == 0
        new = await start_training(pilot, app, lab)     # r trains the new network
        assert new is lab.trainer and trainer.step == frozen
        await pilot.press("0")                          # reset while training: cancelled too
        assert await stopped(pilot, new), training_threads()
        assert stepper.cursor == 0 and not stepper.running and not trainers(app)

    in_lab(ENDLESS, body)


def test_a_run_the_worker_trained_until_it_diverged_keeps_its_last_epochs():
    """No app: the worker's side of the Trainer by hand.  The pulls took no snapshot while it
    trained, so the diverged event carries the epochs' losses the loss plot has not had."""
    from tutor.labs import get_lab

    lab = get_lab("playground").from_tokens(["lr=50"])
    events = lab.run()
    assert next(events).kind == "info" and lab.trainer.step == 0
    with lab.trainer.driven():                      # as the view's worker trains it
        while not lab.trainer.finished:
            lab.trainer.train_chunk()
    rest = list(events)
    assert [e.kind for e in rest] == ["diverged"] and rest[0].values["step"] == 28
    assert rest[0].arrays["curve"][:, 0].tolist() == [1.0]        # epoch 1, before it blew up in epoch 2


def test_a_run_that_ends_by_itself_lets_its_worker_finish(monkeypatch):
    """The stepper pauses at the run's end while the worker may still be winding down: the view
    must not cancel it (a settle, workers.wait_for_complete, then raised WorkerCancelled)."""
    from contextlib import contextmanager

    from textual.worker import WorkerState

    from tutor.labs.playground.trainer import Trainer

    original = Trainer.driven

    @contextmanager
    def slow_exit(self):
        with original(self):
            yield
        time.sleep(1.0)            # still running when the stepper shows the end and pauses

    monkeypatch.setattr(Trainer, "driven", slow_exit)

    async def body(pilot, app, screen, stepper):
        await pilot.press("r")
        await settle(pilot)                         # waits on the worker while the stepper reaches the end
        assert await until(pilot, lambda: stepper.finished)
        assert not stepper.running and stepper.end == "done"
        assert [w.state for w in app.workers if w.group == "playground-train"] in ([], [WorkerState.SUCCESS])

    in_lab(("epochs=5", "pace=0"), body)
