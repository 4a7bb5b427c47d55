"""The shipped lessons draw without an error at the smallest allowed size (60×20)."""
from __future__ import annotations

import pytest

from conftest import MemoryStore, screen_text


# Every page in English; the first page of each lesson in Chinese (keeps it fast).
@pytest.mark.parametrize("lang, every_page", [("en", True), ("zh", False)])
async def test_every_page_draws(lang, every_page):
    from tutor.app import DLTutorApp

    app = DLTutorApp(lang=lang, student="ada", store=MemoryStore())
    if not app.lessons:
        pytest.skip("no lessons installed yet")
    async with app.run_test(size=(60, 20)) as pilot:
        for lesson in app.lessons:
            app.open_lesson(lesson)
            await pilot.pause()
            for page in range(len(lesson.pages) if every_page else 1):
                assert app.screen.page == page
                text = screen_text(app)
                assert "Traceback" not in text and "Error" not in text.split("\n")[0]
                await pilot.press("right")
                await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.return_code is None        # still running: nothing crashed
