"""Export and reset from the progress screen, in a real terminal, one key at a time."""
from __future__ import annotations

import pytest
from reach_helpers import start
from test_tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

WORDS = {   # the progress screen, written, the question, reset done
    "en": ("Progress of ada", "Progress written to", "cannot be undone", "Progress reset"),
    "zh": ("ada 的进度", "进度已写入", "无法恢复", "进度已重置"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_then_reset_after_a_yes(tmp_path, lang):
    screen_title, written, question, done = WORDS[lang]
    term = start(tmp_path, "open", "why-deep-learning", lang=lang)
    try:
        term.wait_for("›")
        term.press("Right", "q")               # two pages seen, back home
        term.press("s")
        term.wait_for(screen_title)
        term.press("e")
        term.wait_for(written)
        assert "pages_seen" in (tmp_path / "dltutor-progress-ada.csv").read_text(encoding="utf-8")
        term.press("r")
        term.wait_for(question)
        term.press("y")
        screen = term.wait_for(done)
        assert "Traceback" not in screen and "2/4" not in screen
    finally:
        term.close()
