"""The palette finds lesson pages by their words, and says so when nothing does."""
from __future__ import annotations

import pytest

from app_helpers import SIZE, make_app, screen_text

# A word only on page 2 of ui-slopes, and the "no matches" line, per language.
WORDS = {"en": ("worked example", "No matches for"), "zh": ("一个例子", "课程里找不到")}


async def _search(pilot, text: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    for char in text:
        await pilot.press(char if char != " " else "space")
    await pilot.pause(1.0)     # the palette searches in the background


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_words_of_a_page_open_that_page(store, lang):
    app = make_app(lang=lang, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await _search(pilot, WORDS[lang][0])
        assert "1.1" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.lesson.id == "ui-slopes" and app.screen.page == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_no_matches_is_said(store, lang):
    app = make_app(lang=lang, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await _search(pilot, "qqzzx")
        assert WORDS[lang][1] in screen_text(app)


def test_find_ignores_case_line_breaks_and_marks():
    from tutor.content.loader import load_lessons
    from tutor.content.search import find

    lessons, _ = load_lessons("en")
    pages = {(f.lesson.id, f.page) for f in find(lessons, "CHAIN RULE")}
    assert ("backpropagation", 0) in pages or any(lesson == "backpropagation" for lesson, _ in pages)
    zh, _ = load_lessons("zh")
    assert {f.lesson.id for f in find(zh, "梯度消失")} >= {"vanishing-gradients"}
    assert find(lessons, "x") == [] and find(lessons, "no such words here") == []
