"""g opens the glossary from any screen; typing filters it; Enter opens the lesson that
teaches the entry; the palette finds entries too."""
from __future__ import annotations

import pytest

from app_helpers import SIZE, screen_text

WORDS = {"en": ("Glossary", "learning rate", "Taught in 1.4", "No matches for"),
         "zh": ("术语表", "学习率", "讲解位置：1.4", "术语表里找不到")}


def real_app(lang, store):
    from tutor.app import DLTutorApp

    return DLTutorApp(lang=lang, student="ada", store=store)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_g_filters_and_opens_where_it_is_taught(store, lang):
    app = real_app(lang, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")              # a lesson page: g works there too
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert WORDS[lang][0] in screen_text(app)
        await pilot.press("η")
        await pilot.pause()
        text = screen_text(app)
        assert WORDS[lang][1] in text and WORDS[lang][2] in text
        await pilot.press("enter", "enter")
        await pilot.pause()
        screen = app.screen
        assert screen.lesson.id == "gradient-descent-1d"
        assert any("\\eta" in block.text for block in screen.lesson.pages[screen.page].blocks)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_filter_nothing_matches_says_so(store, lang):
    app = real_app(lang, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", *"qqzzx")
        await pilot.pause()
        assert WORDS[lang][3] in screen_text(app)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_palette_finds_glossary_entries(store, lang):
    app = real_app(lang, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"logit")
        wanted = WORDS[lang][0] + ("：" if lang == "zh" else ":")
        for _ in range(50):           # the search runs in the background: a bound for a stuck one
            await pilot.pause(0.2)
            if wanted in screen_text(app):
                break
        assert wanted in screen_text(app), [type(s).__name__ for s in app.screen_stack]
