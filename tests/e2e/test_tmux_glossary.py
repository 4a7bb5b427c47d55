"""The glossary in a real terminal: g on a lesson page, a filter typed one key at a time,
Enter opens the lesson that teaches the entry."""
from __future__ import annotations

import pytest
from reach_helpers import lesson, start
from test_tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

WORDS = {"en": ("Glossary", "epoch", "Taught in 3.1"), "zh": ("术语表", "epoch", "讲解位置：3.1")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_g_then_a_word_then_enter(tmp_path, lang):
    title, typed, where = WORDS[lang]
    taught, _ = lesson(lang, "batches-and-stopping")
    term = start(tmp_path, "open", "derivatives", lang=lang)
    try:
        term.wait_for("›")
        term.press("g")
        term.wait_for(title)
        term.type(typed)
        term.wait_for(where)
        term.press("Enter", "Enter")
        assert "Traceback" not in term.wait_for(taught.title)
    finally:
        term.close()
