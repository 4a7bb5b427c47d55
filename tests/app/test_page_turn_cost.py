"""What a page turn costs (issue 17: a class of 40 on one server pays it 40 times a key).

Two costs were paid for nothing on every page turn: each paragraph's Markdown was rendered four
times (once to measure, once to draw, and both again at the narrower width when the page grew a
scroll bar), and each prose block, formula and analogy asked Textual for a second layout of the
whole screen when the first one gave it its size. Counted, not timed.
"""
from __future__ import annotations

import pytest
from textual import events
from textual.widget import Widget

from tutor.app import DLTutorApp
from tutor.widgets import page_text

from app_helpers import MemoryStore

LEAVES = ("PageBody", "LabLink", "Notice")


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_page_turn_renders_each_paragraph_once_and_asks_no_second_layout(lang, monkeypatch):
    renders: dict[int, int] = {}
    asked_layout: list[str] = []
    render = page_text.Rendered.__rich_console__
    refresh = Widget.refresh

    def counting_render(self, console, options):
        before = len(self._segments)
        yield from render(self, console, options)
        if len(self._segments) > before:
            renders[id(self)] = renders.get(id(self), 0) + 1

    def recording_refresh(self, *regions, layout=False, **kwargs):
        if layout:
            asked_layout.append(type(self).__name__)
        return refresh(self, *regions, layout=layout, **kwargs)

    monkeypatch.setattr(page_text.Rendered, "__rich_console__", counting_render)
    monkeypatch.setattr(Widget, "refresh", recording_refresh)
    app = DLTutorApp(lang=lang, student="ada", store=MemoryStore())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")                       # the first lesson
        await pilot.pause(0.3)
        pages = len(app.screen.lesson.pages)
        for _ in range(pages - 1):
            renders.clear()
            asked_layout.clear()
            await pilot.press("right")
            await pilot.pause(0.2)
            assert renders, "a page with prose renders it"
            assert max(renders.values()) == 1, f"page {app.screen.page + 1}: {sorted(renders.values())}"
            assert not set(asked_layout) & set(LEAVES), f"page {app.screen.page + 1}: {asked_layout}"


async def test_pages_turned_past_before_they_are_drawn_are_not_built(monkeypatch):
    """Keys queued faster than a busy server draws (a class pressing keys at once): only the page
    the student ends on is mounted, and it is the right one."""
    from tutor.widgets.sized import PageScroll

    mounted: list[int] = []
    mount_all = PageScroll.mount_all

    def counting_mount_all(self, widgets, *args, **kwargs):
        mounted.append(len(widgets))
        return mount_all(self, widgets, *args, **kwargs)

    monkeypatch.setattr(PageScroll, "mount_all", counting_mount_all)
    app = DLTutorApp(lang="en", student="ada", store=MemoryStore())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause(0.3)
        screen = app.screen
        mounted.clear()
        for key in ("right", "right", "right", "left"):     # queued before the app handles any
            app.post_message(events.Key(key, None))
        await pilot.pause(0.5)
        assert len(mounted) == 1, mounted
        assert screen.page == 2 and "page 3/" in str(screen.query_one("#lesson-page").render())
        shown = [type(w).__name__ for w in screen.query_one("#page").children]
        expected = [type(w).__name__ for w in screen._widgets(screen.lesson.pages[2])]
        assert shown == expected


async def test_a_page_turn_is_laid_out_once(monkeypatch):
    """The old page's removal, the new page's mount and the page label each ask for a layout;
    Textual also runs a mount's completion twice (awaited, and queued on the container). Without
    care, the screen was laid out once for the new page and once more for a request that came
    after: a layout that changed nothing, on every page turn of every student."""
    from textual.screen import Screen

    layouts: list[str] = []
    refresh_layout = Screen._refresh_layout

    def counting(self, *args, **kwargs):
        layouts.append(type(self).__name__)
        return refresh_layout(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    app = DLTutorApp(lang="en", student="ada", store=MemoryStore())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause(0.3)
        pages = len(app.screen.lesson.pages)
        page = app.screen.query_one("#page")
        once = 0
        for _ in range(pages - 1):
            scrolled = page.show_vertical_scrollbar
            layouts.clear()
            await pilot.press("right")
            await pilot.pause(0.2)
            # The bar came or went, or a quiz mounted its first question's options after the page:
            # those take a second layout.
            if page.show_vertical_scrollbar != scrolled or app.screen.query("QuizView"):
                assert len(layouts) <= 2, f"page {app.screen.page + 1}: {layouts}"
                continue
            assert layouts == ["LessonScreen"], f"page {app.screen.page + 1}: {layouts}"
            once += 1
        assert once >= 2
        await pilot.press("left")
        await pilot.pause(0.2)
        assert app.screen.page == pages - 2


@pytest.mark.parametrize("keys", [("right", "q"), ("right", "right", "q", "enter", "right")])
async def test_leaving_a_lesson_mid_turn_leaves_the_app_drawing(keys):
    """A page turn holds the screen's drawing until the new page is in (a batch); q before it is
    done must never leave the batch open (the app would stop drawing for good)."""
    app = DLTutorApp(lang="en", student="ada", store=MemoryStore())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause(0.3)
        for key in keys:                                   # queued before the app handles any
            app.post_message(events.Key(key, None))
        await pilot.pause(1.5)
        assert app._batch_count == 0
        drawn = app.screen.query_one("#page" if keys[-1] == "right" else "#lessons")
        assert drawn.region.height > 0
        if keys[-1] == "right":
            assert "page 2/" in str(app.screen.query_one("#lesson-page").render())


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_pages_reading_is_one_widget_between_the_parts_that_take_keys(lang):
    """Prose, formulas, analogies and notices are drawn by one PageBody per run (widgets/page_body.py):
    a widget each cost every page turn a mount, a style and a place in the layout. Every page of
    every lesson: no two PageBodies side by side, and nothing else on the page that only shows text."""
    app = DLTutorApp(lang=lang, student="ada", store=MemoryStore())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause(0.3)
        screen = app.screen
        takes_keys = {"LabLink", "QuizView", "LessonCode"}
        bodies = 0
        for lesson in app.lessons:
            screen.lesson = lesson
            for index, page in enumerate(lesson.pages):
                screen.page = index
                kinds = [type(w).__name__ for w in screen._widgets(page)]
                assert set(kinds) <= takes_keys | {"PageBody"}, (lesson.id, index, kinds)
                assert ("PageBody", "PageBody") not in zip(kinds, kinds[1:]), (lesson.id, index, kinds)
                bodies += kinds.count("PageBody")
        assert bodies >= len(app.lessons)
