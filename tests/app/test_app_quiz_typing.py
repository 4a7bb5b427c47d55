"""On a quiz page a student just types: the answer goes to the quiz without Tab first."""
from __future__ import annotations

from app_helpers import SIZE, make_app, screen_text


async def test_typing_a_choice_and_enter_answers_the_quiz(store):
    app = make_app(store=store, lesson="ui-descent", page=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is None                  # page keys still turn pages
        # Options are shuffled per student: find the number shown for the right one.
        line = next(l for l in screen_text(app).splitlines() if "Against the gradient" in l)
        number = line.split(".")[0].split()[-1]
        await pilot.press(number, "enter")
        await pilot.pause()
        assert app.screen.page == 1
        assert "Right" in screen_text(app)


async def test_page_keys_still_work_on_a_quiz_page(store):
    app = make_app(store=store, lesson="ui-descent", page=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left")
        await pilot.pause()
        assert app.screen.page == 0
