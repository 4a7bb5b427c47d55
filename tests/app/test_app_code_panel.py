"""`c` in a lab: the engine code that computed the current step, from the installed source,
with the lines that ran marked — and it keeps in step going forward and back; in Chinese too."""
from __future__ import annotations

import sys

import pytest

from app_helpers import SIZE, make_app, settle


def code_text(app) -> str:
    from rich.console import Console

    body = app.screen.query_one("#code-panel").shown
    console = Console(width=160, record=True, file=open("/dev/null", "w"), color_system=None)
    console.print(body)
    return console.export_text()


async def step_to(pilot, app, label: str) -> None:
    stepper = app.screen.query_one("#stepper")
    for _ in range(20):
        if stepper.current is not None and stepper.current.label == label:
            return
        await pilot.press("space")
        await settle(pilot)
    raise AssertionError(f"never reached {label!r}")


async def test_c_shows_the_code_of_each_step_and_keeps_in_step(store):
    app = make_app(store=store, lab="backprop")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        code = app.screen.query_one("#code-panel")
        assert not code.display
        await pilot.press("c")
        await settle(pilot)
        assert code.display and not app.screen.query_one("#lab-panels").display
        await step_to(pilot, app, "Sigmoid 2 forward")
        text = code_text(app)
        assert "engine/layers.py:" in text and "Sigmoid.forward" in text
        assert "engine/activations.py:" in text                        # what Sigmoid.forward called
        marked = [line for line in text.splitlines() if "❱" in line]
        assert any("act.sigmoid(x)" in line for line in marked)        # the line that ran, marked
        await pilot.press("space")                                     # the next step: the loss
        await settle(pilot)
        assert "Sigmoid.forward" not in code_text(app).split("\n")[0]
        await pilot.press("left")                                      # and back: the sigmoid again
        await settle(pilot)
        assert code_text(app).startswith(text.splitlines()[0])
        await pilot.press("c")
        await settle(pilot)
        assert not code.display and app.screen.query_one("#lab-panels").display
        assert not code.trace.enabled                                  # closed: the lab runs unfollowed
        await pilot.press("space")                                     # the loss again (followed)
        await settle(pilot)
        await pilot.press("space")                                     # a new step, taken while closed
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert "taken while the code panel was closed" in code_text(app)
        await pilot.press("left")                                      # one it followed
        await settle(pilot)
        assert "engine/" in code_text(app)


async def test_in_chinese(store):
    app = make_app(lang="zh", store=store, lab="gd1d")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "space")
        await settle(pilot)
        assert "本步的引擎代码" in str(app.screen.query_one("#code-title").render())
        text = code_text(app)
        assert "engine/descent.py:" in text and "标出的是这一步运行过的行" in text


def test_the_trace_marks_what_ran_and_puts_back_the_tracer_before_it():
    import numpy as np

    from engine.activations import sigmoid
    from tutor.widgets.steptrace import StepTrace

    def mine(frame, what, arg):
        return None

    trace = StepTrace()
    sys.settrace(mine)
    try:
        event = trace.record(lambda: (sigmoid(np.array([1.0])), "event")[1])
        assert sys.gettrace() is mine
    finally:
        sys.settrace(None)
    calls = trace.calls(event)
    assert calls[0].code is sigmoid.__code__
    first = sigmoid.__code__.co_firstlineno
    assert calls[0].lines and min(calls[0].lines) > first           # the body's lines, not the def
    assert trace.calls("another event") == []


@pytest.mark.parametrize("name", __import__("tutor.labs", fromlist=["lab_names"]).lab_names())
def test_every_lab_shows_code_within_its_first_steps(name):
    """`c` works in every lab: among the first steps some code of the engine or of the lab ran."""
    from tutor.labs import get_lab
    from tutor.widgets.code_panel import code_view
    from tutor.widgets.steptrace import StepTrace

    lab = get_lab(name).from_tokens([])
    trace = StepTrace()
    run = iter(lab.run())
    found = []
    for _ in range(3):
        event = trace.record(lambda: next(run, None))
        if event is None:
            break
        found += trace.calls(event)
    assert found, f"{name}: no code ran in its first steps"
    assert any(r.in_engine for r in found) or all("/labs/" in r.code.co_filename for r in found)
    code_view(found)                                                     # draws without raising
