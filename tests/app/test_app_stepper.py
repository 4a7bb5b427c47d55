"""The Stepper with a fake run: step, back, run/pause, reset, done, diverged, errors."""
from __future__ import annotations

from engine.events import Event

from app_helpers import SIZE, make_app, screen_text, settle


class Counter:
    """A run of `n` iteration events; counts how often a step was computed."""

    def __init__(self, n=5, end=None, fail_at=None):
        self.n, self.end, self.fail_at = n, end, fail_at
        self.pulled = 0
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return self._events()

    def _events(self):
        for k in range(self.n):
            if k == self.fail_at:
                raise RuntimeError("boom in the engine\nsecond line never shown")
            self.pulled += 1
            yield Event("iteration", f"Iteration {k}", formula=f"x_{{{k}}} = {k}", values={"x": k}, step=k)
        if self.end == "done":
            yield Event("done", "Done", step=self.n)
        elif self.end == "diverged":
            yield Event("diverged", "Diverged", values={"step": self.n}, step=self.n)


class Panel:
    def __init__(self):
        self.calls = []

    def show(self, event, history):
        self.calls.append((event.step, len(history)))


async def open_stepper(pilot, run, panels=()):
    from tutor.screens.lab import LabScreen

    await pilot.app.push_screen(LabScreen("fake", make_run=run, panels=list(panels), title="Fake lab"))
    await settle(pilot)
    return pilot.app.screen.query_one("#stepper")


async def test_step_back_and_forward_from_history():
    run, panel = Counter(5), Panel()
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, run, [panel])
        assert stepper.current.label == "Iteration 0"          # the first step is shown at once
        assert run.pulled == 1                                  # lazily: nothing more computed
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("right")
        await settle(pilot)
        assert stepper.current.step == 2 and run.pulled == 3
        assert "Iteration 2" in screen_text(app)
        await pilot.press("left")
        await settle(pilot)
        assert stepper.current.step == 1
        assert run.pulled == 3                                  # stepping back recomputes nothing
        await pilot.press("right")
        await settle(pilot)
        assert stepper.current.step == 2 and run.pulled == 3    # replayed from the kept history
        assert panel.calls[-1] == (2, 3)                        # panels get the event and history so far
        assert (1, 2) in panel.calls


async def test_history_shows_recent_labels():
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, Counter(8))
        for _ in range(3):
            await pilot.press("space")
            await settle(pilot)
        text = screen_text(app)
        assert "Recent steps" in text
        assert "Iteration 2" in text and "Iteration 3" in text
        assert stepper.cursor == 3


async def test_run_and_pause():
    run = Counter(200)
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, run)
        for _ in range(5):
            await pilot.press("plus")
        await pilot.pause()
        assert stepper.speed == 50
        await pilot.press("r")
        assert stepper.running
        for _ in range(200):                                    # wait until it has moved on
            await settle(pilot, 1)
            if stepper.cursor >= 3:
                break
        assert stepper.cursor >= 3
        await pilot.press("r")
        await settle(pilot)
        assert not stepper.running
        where = stepper.cursor
        await settle(pilot)
        await pilot.pause(0.1)
        assert stepper.cursor == where                          # paused means paused
        await pilot.press("minus")
        await pilot.pause()
        assert stepper.speed == 20


async def test_run_to_the_end_says_done():
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, Counter(3, end="done"))
        for _ in range(5):
            await pilot.press("space")
            await settle(pilot)
        assert stepper.finished and stepper.end == "done"
        assert "Run finished" in screen_text(app)


async def test_plain_stop_iteration_also_says_done():
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, Counter(2))
        for _ in range(3):
            await pilot.press("space")
            await settle(pilot)
        assert stepper.finished and stepper.end == "done"
        assert "Run finished at step 1" in screen_text(app)   # the last step shown, as the header says


async def test_diverged_names_the_step():
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, Counter(4, end="diverged"))
        await pilot.press(*["plus"] * 5, "r")
        for _ in range(200):
            await settle(pilot, 1)
            if stepper.finished:
                break
        assert stepper.end == "diverged" and not stepper.running
        assert "diverged at step 4" in screen_text(app)


async def test_exception_in_a_lab_is_a_one_line_notice():
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, Counter(5, fail_at=2))
        for _ in range(4):
            await pilot.press("space")
            await settle(pilot)
        assert stepper.end == "error"
        text = screen_text(app)
        assert "The lab stopped: RuntimeError: boom in the engine" in text
        assert "second line" not in text and "Traceback" not in text
        await pilot.press("left")                               # history still browsable
        await settle(pilot)
        assert stepper.current.step == 0


async def test_a_run_that_cannot_start():
    def make_run():
        raise ValueError("lr must be positive")

    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, make_run)
        assert stepper.end == "error"
        assert "lr must be positive" in screen_text(app)
        await pilot.press("space", "r", "left", "0")
        await settle(pilot)
        assert "Traceback" not in screen_text(app)


async def test_reset_starts_a_fresh_run():
    run = Counter(5)
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, run)
        await pilot.press("space", "space")
        await settle(pilot)
        assert stepper.cursor == 2
        await pilot.press("0")
        await settle(pilot)
        assert run.runs == 2
        assert stepper.cursor == 0 and len(stepper.history) == 1
        assert stepper.current.label == "Iteration 0"


async def test_unknown_lab_is_a_notice():
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        app.open_lab("no-such-lab", ("x=1",))
        await settle(pilot)
        text = screen_text(app)
        assert "cannot be opened" in text and "no-such-lab" in text
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_plot_and_heatmap_panels_follow_the_steps(monkeypatch):
    """A lab made of the shared widgets, drawn in colour and under NO_COLOR."""
    import numpy as np

    from tutor.widgets.heatmap import Heatmap
    from tutor.widgets.plot import Plot

    class LossPlot(Plot):
        def show(self, event, history):
            self.set_series("loss", [e.step for e in history], [e.values["x"] ** 2 for e in history])

    class Weights(Heatmap):
        def show(self, event, history):
            self.set_data(np.full((4, 4), float(event.values["x"])) - 2)

    for no_color in (False, True):
        if no_color:
            monkeypatch.setenv("NO_COLOR", "1")
        app = make_app(lessons=[])
        async with app.run_test(size=SIZE) as pilot:
            plot, heatmap = LossPlot("loss", max_hz=4), Weights(title="W")
            stepper = await open_stepper(pilot, Counter(6), [plot, heatmap])
            for _ in range(3):
                await pilot.press("space")
                await settle(pilot)
            assert plot.series["loss"].y == [0, 1, 4, 9]
            assert heatmap.data[0, 0] == 1.0
            plot.flush()
            await pilot.pause()
            text = screen_text(app)
            assert "loss" in text and "▀" in text
            assert app.no_color == no_color
            assert stepper.cursor == 3


async def test_a_panel_that_cannot_draw_is_a_notice_not_a_crash(panel_errors):
    from textual.widgets import Static

    class Broken(Static):
        def render(self):
            raise ZeroDivisionError("panel maths went wrong")

    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, Counter(3), [Broken()])
        await pilot.press("space")
        await settle(pilot)
        assert stepper.cursor == 1                       # the stepper still steps
        assert "could not be drawn: ZeroDivisionError" in screen_text(app)
        notes = [n.message for n in app._notifications if "panel maths" in n.message]
        assert len(notes) == 1                           # told once, not every frame
        await pilot.press("q", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert len(panel_errors) == 1                        # and logged once, for the tests and a log


async def test_history_is_bounded(monkeypatch):
    import tutor.widgets.stepper as stepper_module

    monkeypatch.setattr(stepper_module, "KEEP", 3)
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, Counter(10))
        for _ in range(5):
            await pilot.press("space")
            await settle(pilot)
        assert [e.step for e in stepper.history] == [3, 4, 5]
        for _ in range(5):
            await pilot.press("left")
            await settle(pilot)
        assert stepper.current.step == 3                 # back stops at the oldest kept step
