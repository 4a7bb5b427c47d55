"""e in a lab: the settings form, checked as on the command line, restarts the lab."""
from __future__ import annotations

import pytest

from app_helpers import SIZE, make_app, screen_text

WORDS = {"en": ("Settings of the lab gd1d", "starting point", "from -1e+06 to 1e+06", "must be between"),
         "zh": ("实验 gd1d 的设置", "起点", "从 -1e+06 到 1e+06", "必须在")}


async def _open_form(pilot):
    await pilot.press("e")
    await pilot.pause()


async def _set(pilot, name: str, value: str) -> None:
    box = pilot.app.screen.query_one(f"#setting-{name}")
    box.focus()
    box.value = ""
    await pilot.pause()
    for char in value:
        await pilot.press(char)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_form_shows_names_values_meaning_and_range(store, lang):
    app = make_app(lang=lang, store=store, lab="gd1d", lab_args=("x0=2",))
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        await _open_form(pilot)
        text = screen_text(app)
        for word in WORDS[lang][:3]:
            assert word in text
        assert app.screen.query_one("#setting-x0").value == "2.0"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_value_out_of_range_is_refused_in_the_form(store, lang):
    app = make_app(lang=lang, store=store, lab="gd1d")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        await _open_form(pilot)
        await _set(pilot, "lr", "5000")
        await pilot.press("enter")
        await pilot.pause()
        assert WORDS[lang][3] in screen_text(app)
        assert type(app.screen).__name__ == "LabSettingsScreen"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_enter_restarts_the_lab_with_the_new_settings(store, lang):
    app = make_app(lang=lang, store=store, lab="gd1d")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        await _open_form(pilot)
        await _set(pilot, "lr", "0.1")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "LabScreen"
        assert screen.lab.values["lr"] == 0.1 and screen.lab_args == ("lr=0.1",)
        assert "lr=0.1" in screen_text(app)          # the header shows the settings in force
        stack = [type(s).__name__ for s in app.screen_stack]
        assert stack.count("LabScreen") == 1, stack         # the restart replaced the lab, not stacked on it


async def test_escape_keeps_the_lab(store):
    app = make_app(store=store, lab="gd1d", lab_args=("x0=2",))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lab = app.screen
        await _open_form(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is lab


def test_the_header_leaves_out_settings_left_at_a_nan_default():
    # nan != nan: the header said "activations alpha=nan" for a lab opened without settings.
    from tutor.labs import get_lab
    from tutor.screens.lab_header import settings_text

    assert settings_text(get_lab("activations").from_tokens([])) == "activations"
    assert settings_text(get_lab("derivative").from_tokens([])) == "derivative"
    lab = get_lab("activations").from_tokens(["alpha=0.5"])
    assert settings_text(lab, ("alpha=0.5",)) == "activations alpha=0.5"
