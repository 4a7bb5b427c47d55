"""Searching the lessons' words from the palette, in a real terminal, one key at a time."""
from __future__ import annotations

import pytest
from reach_helpers import start
from test_tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

CASES = {   # what is typed, the line under a page found, the "no matches" line
    "en": ("xor", "Open this page", "No matches for"),
    "zh": ("梯度消失", "打开这一页", "课程里找不到"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_words_find_a_page_and_nothing_is_said(tmp_path, lang):
    typed, page_word, nothing = CASES[lang]
    term = start(tmp_path, lang=lang)
    try:
        term.wait_for("dltutor")
        term.press("C-p")
        term.type(typed)
        term.wait_for(page_word)
        term.press("Enter")
        screen = term.wait_for("›")             # a lesson's header: chapter › title
        assert "Traceback" not in screen
        term.press("C-p")
        term.type("qqzzx")
        assert "Traceback" not in term.wait_for(nothing)
    finally:
        term.close()
