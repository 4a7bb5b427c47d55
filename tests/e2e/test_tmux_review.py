"""Review from the progress screen and retake the missed question, in a real terminal:
answer 1.1's first question wrong twice, then s, Enter, m, the right number, Enter."""
from __future__ import annotations

import pytest
from reach_helpers import lesson, start
from test_tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

WORDS = {   # the review, what was typed, the verdict of the retake
    "en": ("Quiz review", "You typed", "Right!"),
    "zh": ("测验回顾", "你的答案", "正确！"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_review_and_retake_the_missed(tmp_path, lang):
    from tutor.quiz import load
    from tutor.quiz.review import questions_of

    first, _ = lesson(lang, "why-deep-learning")
    posed = load(questions_of(first))[0].pose("ada", 0)
    numbers = [str(k) for k in range(1, len(posed.options) + 1)]
    right = next(k for k in numbers if posed.check(k).correct)
    wrong = next(k for k in numbers if not posed.check(k).correct)
    review, typed, verdict = WORDS[lang]
    term = start(tmp_path, "open", "why-deep-learning", lang=lang)
    try:
        term.wait_for("›")
        term.press(*["Right"] * (len(first.pages) - 1))
        for _ in range(posed.question.tries):      # wrong on every try
            term.type(wrong)
            term.press("Enter")
        term.press("Escape", "q", "s", "Enter")
        screen = term.wait_for(review)
        assert typed in screen
        term.press("m")
        term.type(right)
        term.press("Enter")
        assert "Traceback" not in term.wait_for(verdict)
    finally:
        term.close()
