"""Review a lesson's quiz from the progress screen; retake only the questions missed."""
from __future__ import annotations

import pytest

from app_helpers import SIZE, screen_text

WORDS = {"en": ("Quiz review", "You typed", "Not quite.", "The answer is", "Right!"),
         "zh": ("测验回顾", "你的答案", "不太对。", "答案是", "正确！")}


def _posed(lang):
    from tutor.content.loader import load_lessons
    from tutor.quiz import load
    from tutor.quiz.review import questions_of

    lessons, _ = load_lessons(lang)
    lesson = lessons[0]
    posed = load(questions_of(lesson))[0].pose("ada", 0)
    assert posed.kind == "choice"
    return lesson, posed


def _answers(posed):
    """(a wrong answer, the right one) as this student types them."""
    right = next(str(k) for k in range(1, len(posed.options) + 1) if posed.check(str(k)).correct)
    wrong = next(str(k) for k in range(1, len(posed.options) + 1) if not posed.check(str(k)).correct)
    return wrong, right


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_review_reads_the_last_counted_answer(lang):
    from tutor.quiz.review import missed, review

    lesson, posed = _posed(lang)
    wrong, right = _answers(posed)
    answers = [dict(question=posed.question.id, raw="banana", verdict="unreadable", correct=False),
               dict(question=posed.question.id, raw=wrong, verdict="wrong", correct=False)]
    item = review(lesson, "ada", answers)[0]
    assert (item.typed, item.tries, item.correct) == (wrong, 1, False)
    assert missed([item]) == [posed.question.spec]
    items = review(lesson, "ada", answers + [dict(question=posed.question.id, raw=right, verdict="right",
                                                 correct=True)])
    assert items[0].correct is True and missed(items) == []
    assert all(item.correct is None for item in items[1:])
    assert review(lesson, "ada", [])[0].correct is None


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_review_then_retake_only_the_missed(store, lang):
    from tutor.app import DLTutorApp
    from tutor.locale import using

    with using(lang):
        lesson, posed = _posed(lang)
    wrong, right = _answers(posed)
    qid = posed.question.id
    store.record_answer("ada", lesson.id, qid, wrong, "wrong", False)
    store.record_answer("ada", lesson.id, qid, wrong, "wrong", False)
    store.quiz_score("ada", lesson.id, 0, 6)
    app = DLTutorApp(lang=lang, student="ada", store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "enter")      # the first lesson's row
        await pilot.pause()
        text = screen_text(app)
        for word in WORDS[lang][:4]:
            assert word in text
        await pilot.press("m")
        await pilot.pause()
        for key in right:
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        assert WORDS[lang][4] in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "✓" in screen_text(app)      # the review shows the new answer
    assert store.lesson_status("ada")[lesson.id]["best"] == (0, 6)   # a partial sitting is no score
