"""Move on, in a real terminal: the last page of 1.1 says "Up next" and → opens 1.2."""
from __future__ import annotations

import pytest
from reach_helpers import lesson, start
from test_tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

WORDS = {"en": ("Up next: 1.2", "page 1/"), "zh": ("下一课：1.2", "page 1/")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_last_page_leads_on(tmp_path, lang):
    first, lessons = lesson(lang, "why-deep-learning")
    term = start(tmp_path, "open", "why-deep-learning", lang=lang)
    try:
        term.wait_for(first.title)
        term.press(*["Right"] * (len(first.pages) - 1))
        term.press("NPage", "NPage", "NPage")      # the line sits under the quiz, at the end of the page
        term.wait_for(WORDS[lang][0])
        term.press("Right")
        screen = term.wait_for(lessons[1].title)
        assert "Traceback" not in screen
    finally:
        term.close()
