"""Move on: the last page of a lesson says what comes next, and → opens it."""
from __future__ import annotations

import pytest

from app_helpers import SIZE, make_app, screen_text

UP_NEXT = {"en": "Up next: 1.2 Walking downhill", "zh": "下一课：1.2"}


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_last_page_leads_to_the_next_lesson(store, lang):
    app = make_app(lang=lang, store=store, lesson="ui-slopes", page=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert UP_NEXT[lang] in screen_text(app)
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.lesson.id == "ui-descent" and app.screen.page == 0
        await pilot.press("q")          # the next lesson replaced the last one: q goes home
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_only_the_last_page_says_up_next(store):
    app = make_app(store=store, lesson="ui-slopes", page=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Up next" not in screen_text(app)


async def test_the_last_lesson_has_no_up_next(store):
    app = make_app(store=store, lesson="ui-neurons")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        last = len(app.screen.lesson.pages) - 1
        app.screen.show_page(last)
        await pilot.pause()
        assert "Up next" not in screen_text(app)
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.lesson.id == "ui-neurons"
        # said on the page bar, not in a toast over the quiz's last line (issue 18 item 12)
        assert "the last page: q goes back" in str(app.screen.query_one("#lesson-page").render())
        assert not app._notifications
