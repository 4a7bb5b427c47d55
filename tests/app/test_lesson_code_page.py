"""A lesson page shows a ```python block highlighted with its output, at 80 columns, and never runs it."""
from __future__ import annotations

from pathlib import Path

from app_helpers import MemoryStore, screen_text

LONG = "total = " + " + ".join(f"value_{i}" for i in range(14))     # wider than 80 columns


def lesson_root(tmp_path: Path, marker: Path) -> Path:
    body = ("---\nid: code\ntitle: Code\nchapter: 1\norder: 1\n---\n# Code\n\nSome code.\n\n"
            "```python\n"
            f"open({str(marker)!r}, 'w').write('ran')  # the app must not run this\n"
            f"{LONG}\n"
            "print('hello')\n```\n\n```output\nhello\n```\n")
    (tmp_path / "lessons" / "en").mkdir(parents=True)
    (tmp_path / "lessons" / "en" / "01-code.md").write_text(body, encoding="utf-8")
    return tmp_path / "lessons"


async def test_code_and_output_show_wrapped_and_the_code_does_not_run(tmp_path):
    from tutor.app import DLTutorApp
    from tutor.widgets.lesson_code import CodeView, LessonCode

    marker = tmp_path / "ran.txt"
    app = DLTutorApp(lang="en", student="ada", store=MemoryStore(), root=lesson_root(tmp_path, marker))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(app.lessons[0])
        await pilot.pause()
        await pilot.pause()
        [block] = app.screen.query(LessonCode)
        text = screen_text(app)
        assert "print('hello')" in text
        assert "Output" in text and "hello" in text.split("Output", 1)[1]
        assert "value_13" in text                      # the long line wrapped, not cut off
        assert block.region.right <= 80
        assert app.screen.query_one("#page").max_scroll_x == 0
        view = block.query_one(CodeView)
        assert view.region.right <= 80
        assert not marker.exists()


async def test_the_code_s_colours_follow_the_theme(tmp_path):
    from tutor.app import THEMES, DLTutorApp
    from tutor.widgets.lesson_code import CodeView

    app = DLTutorApp(lang="en", student="ada", store=MemoryStore(), root=lesson_root(tmp_path, tmp_path / "m"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson(app.lessons[0])
        await pilot.pause()
        view = app.screen.query_one(CodeView)
        styles = {}
        for theme in THEMES[:2]:
            app.theme = theme
            await pilot.pause()
            strips = view.render_lines(view.region.reset_offset)
            styles[theme] = {seg.style.color for strip in strips for seg in strip if seg.text == "print"}
        assert len(styles[THEMES[0]]) == 1 and styles[THEMES[0]] != styles[THEMES[1]]
