"""The key bar: the keys that apply, in the student's language, clickable."""
import asyncio

from tutor.app import DLTutorApp
from tutor.widgets.keybar import KeyBar


def run(check, lang="en"):
    async def go():
        app = DLTutorApp(lang=lang, student="t", store=None)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("enter")                       # the first lesson
            await pilot.pause()
            await check(pilot, app)
    asyncio.run(go())


def test_the_lesson_keys_show_and_a_click_presses_one():
    async def check(pilot, app):
        bar = app.screen.query_one(KeyBar)
        text = bar.render().plain
        assert text.startswith(" → Next  ← Prev ") and text.rstrip().endswith("^p palette")
        assert len(text) == bar.size.width                    # the palette key sits at the right edge
        assert app.screen.page == 0
        start, end, key = bar.spans[0]
        assert key == "right"
        await pilot.click(KeyBar, offset=(start + 1, 0))      # click "→ Next"
        await pilot.pause()
        assert app.screen.page == 1
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert " Quit " in app.screen.query_one(KeyBar).render().plain       # the home screen's own keys
    run(check)


def test_the_keys_read_in_chinese():
    async def check(pilot, app):
        text = app.screen.query_one(KeyBar).render().plain
        assert "下一页" in text and "上一页" in text and "跳转" in text
    run(check, lang="zh")
