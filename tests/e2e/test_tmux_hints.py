"""A wrong choice in a real terminal gets the question's own hint, not a generic one."""
from __future__ import annotations

import pytest
from reach_helpers import lesson, start
from test_tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_wrong_choice_gets_its_own_hint(tmp_path, lang):
    from tutor.quiz import load
    from tutor.quiz.review import questions_of

    first, _ = lesson(lang, "why-deep-learning")
    posed = load(questions_of(first))[0].pose("ada", 0)
    assert posed.question.id == "why-features"
    wrong = next(str(k) for k in range(1, len(posed.options) + 1) if not posed.check(str(k)).correct)
    term = start(tmp_path, "open", "why-deep-learning", lang=lang)
    try:
        term.wait_for("›")
        term.press(*["Right"] * (len(first.pages) - 1))
        term.type(wrong)
        term.press("Enter")
        screen = term.wait_for(str(posed.question.spec["hint"])[:20])     # the question's own hint
        assert "Reread the question" not in screen and "Traceback" not in screen
    finally:
        term.close()
