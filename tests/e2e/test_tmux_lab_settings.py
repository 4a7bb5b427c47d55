"""A lab's settings form in a real terminal: e, a value typed one key at a time, a value
out of range refused, then Enter restarts the lab with the header showing the new setting."""
from __future__ import annotations

import pytest
from reach_helpers import start
from test_tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

WORDS = {"en": ("Settings of the lab gd1d", "must be between"), "zh": ("实验 gd1d 的设置", "必须在")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_e_changes_a_setting_and_restarts(tmp_path, lang):
    title, refused = WORDS[lang]
    term = start(tmp_path, "lab", "gd1d", lang=lang)
    try:
        term.wait_for("(gd1d")
        term.press("e")
        term.wait_for(title)
        term.press("Tab", "End", "BSpace", "BSpace", "BSpace")       # past f, to x0: "4.0" → ""
        term.type("9999999")
        term.press("Enter")
        term.wait_for(refused)
        term.press("End", *["BSpace"] * 7)
        term.type("2.5")
        term.press("Enter")
        screen = term.wait_for("(gd1d x0=2.5)")
        assert "Traceback" not in screen and title not in screen
    finally:
        term.close()
