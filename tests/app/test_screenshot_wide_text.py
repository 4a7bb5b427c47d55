"""A screenshot (SVG) gives Chinese its two columns a character, as the terminal does.

Rich's export stretched a run of text to len(text) columns: Chinese came out
squeezed to half its width, the characters over each other (Textualize/rich#2742)."""
from __future__ import annotations

import re

from textual.app import App
from textual.widgets import Static

from app_helpers import make_app

COLUMN = 12.2          # Rich's column width in its SVGs (font size 20 × 0.61)


def run_lengths(svg: str) -> dict[str, float]:
    """Each run of text in the SVG → its textLength, in columns."""
    import html

    runs = re.findall(r'<text\b[^>]*?textLength="([0-9.]+)"[^>]*>([^<]*)</text>', svg)
    return {html.unescape(text): round(float(length) / COLUMN, 3) for length, text in runs}


def test_a_chinese_run_is_two_columns_a_character_and_latin_is_unchanged():
    from tutor.widgets.screenshot import wide_text_fixed

    svg = ('<text class="t-r1" x="0" y="20" textLength="61" clip-path="url(#t-line-0)">最近几步：</text>'
           '<text class="t-r1" x="0" y="44" textLength="48.8" clip-path="url(#t-line-1)">a&#160;&lt;b</text>')
    assert run_lengths(wide_text_fixed(svg)) == {"最近几步：": 10, "a\xa0<b": 4}


def assert_chinese_in_cells(svg: str) -> None:
    from rich.cells import cell_len

    chinese = {text: n for text, n in run_lengths(svg).items() if re.search(r"[\u4e00-\u9fff]", text)}
    assert chinese                                              # the screen speaks Chinese
    assert all(n == cell_len(text) for text, n in chinese.items()), chinese


async def test_the_apps_screenshot_lays_chinese_out_as_the_terminal_does(store):
    app = make_app(lang="zh", store=store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert_chinese_in_cells(app.export_screenshot())


async def test_the_teachers_dashboard_screenshot_too():
    from tutor.teacher_app import ClassDashboard

    class Empty:
        def students(self):
            return []

    app = ClassDashboard(Empty(), [], lang="zh")
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        assert_chinese_in_cells(app.export_screenshot())


def test_an_app_without_the_fix_squeezes_chinese():
    # What Textual and Rich do on their own (the reason for the fix): this test fails
    # once Rich measures in cells, and then the fix can go.
    import asyncio

    class Plain(App):
        def compose(self):
            yield Static("最近几步")

    async def go():
        async with Plain().run_test(size=(40, 5)) as pilot:
            await pilot.pause()
            return run_lengths(pilot.app.export_screenshot())

    assert asyncio.run(go()).get("最近几步") == 4
