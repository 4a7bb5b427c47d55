"""Issue 18 item 8: `?` shows the keys of the screen you are on (then the general ones),
and every key a lab's footer shows — its panels' own keys too (gd1d's h l [ ]) — is in it."""
from __future__ import annotations

import pytest

from tutor.labs import lab_names
from tutor.widgets.keybar import KeyBar

from app_helpers import SIZE, make_app, settle

HEADINGS = {"en": ("Lab", "Lesson", "Home", "Exercises", "Progress", "Everywhere"),
            "zh": ("实验", "课程", "首页", "练习", "进度", "任何地方")}


def footer(app) -> list[tuple[str, str]]:
    """(key as shown, description) of every key the footer holds, collapsed or not."""
    return [(shown, description) for _, shown, description, _ in app.screen.query_one(KeyBar).items]


async def help_text(app, pilot) -> str:
    await pilot.press("question_mark")
    await pilot.pause()
    assert type(app.screen).__name__ == "HelpScreen"
    text = str(app.screen.query_one("#help-keys").content)
    await pilot.press("escape")
    await pilot.pause()
    return text


def lines_of(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_every_key_a_lab_s_footer_shows_is_in_its_help(store, lang):
    names = lab_names() if lang == "en" else ["gd1d", "digits", "activations"]
    app = make_app(lang=lang, store=store)
    missing = []
    async with app.run_test(size=SIZE) as pilot:
        for name in names:
            app.open_lab(name)
            await pilot.pause()
            keys = footer(app)
            assert keys, name
            shown = lines_of(await help_text(app, pilot))
            for key, description in keys:
                if not any(line.startswith(key + " ") for line in shown):
                    missing.append((name, key, description))
            app.pop_screen()
            await pilot.pause()
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_help_is_about_the_screen_it_was_opened_on(store, lang):
    lab, lesson, home, exercises, progress, everywhere = HEADINGS[lang]
    app = make_app(lang=lang, store=store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lab("gd1d")
        await settle(pilot)
        text = lines_of(await help_text(app, pilot))
        assert text[0] == lab and everywhere in text                # this screen first, then the general keys
        assert not {lesson, home, exercises, progress} & set(text)  # not every other screen
        assert any(line.startswith("[ ") for line in text) and any(line.startswith("h ") for line in text)
        app.pop_screen()
        await pilot.pause()
        text = lines_of(await help_text(app, pilot))
        assert text[0] == home and lab not in text and everywhere in text
