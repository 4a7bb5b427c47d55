"""A quiz just after a wrong answer: the verdict and the hint on screen."""
from __future__ import annotations

from app_helpers import make_app, new_store, screen_text
from snap_helpers import SIZE, wait_until


def test_quiz_after_a_wrong_answer(snap_compare, tmp_path):
    # The fixture lesson ui-descent: page 2 asks which way a step moves x (Against the gradient).
    app = make_app(store=new_store(tmp_path), lesson="ui-descent", page=1)

    async def answer_wrong(pilot):
        await wait_until(pilot, lambda: "Along the gradient" in screen_text(pilot.app), "the quiz")
        # The options are shuffled per student (the same for "ada" on every run): find the wrong one.
        line = next(line for line in screen_text(pilot.app).splitlines() if "Along the gradient" in line)
        await pilot.press(line.split(".")[0].split()[-1], "enter")
        await wait_until(pilot, lambda: "Hint" in screen_text(pilot.app), "the hint")

    assert snap_compare(app, terminal_size=SIZE, run_before=answer_wrong)
