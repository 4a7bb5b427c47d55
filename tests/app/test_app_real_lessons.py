"""The shipped lessons draw without an error at the smallest allowed size (60×20).

English: the first and the last page of every lesson (the last one usually
holds the quiz); Chinese: the first page.  (Every page of every lesson would
take minutes as the course grows; `dltutor check` covers the content itself.)
"""
from __future__ import annotations

import pytest

from app_helpers import MemoryStore, screen_text


@pytest.mark.parametrize("lang, last_page_too", [("en", True), ("zh", False)])
async def test_lessons_draw(lang, last_page_too):
    from tutor.app import DLTutorApp

    app = DLTutorApp(lang=lang, student="ada", store=MemoryStore())
    if not app.lessons:
        pytest.skip("no lessons installed yet")
    async with app.run_test(size=(60, 20)) as pilot:
        for lesson in app.lessons:
            app.open_lesson(lesson)
            await pilot.pause()
            screen = app.screen
            last = len(lesson.pages) - 1
            for page in sorted({0, last} if last_page_too else {0}):
                screen.show_page(page)
                await pilot.pause()
                assert screen.page == page
                assert "Traceback" not in screen_text(app)
            app.pop_screen()
            await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.return_code is None        # still running: nothing crashed
