"""Every quiz in the shipped lessons validates, poses, and accepts its own right answer."""
import re

import pytest

from tutor.quiz import validate_all
from tutor.quiz.session import QuizSession


def lessons():
    try:
        from tutor.content import load_lessons
    except ImportError:
        return []
    found = []
    for lang in ("en", "zh"):
        loaded, _errors = load_lessons(lang)
        found += [lesson for lesson in loaded if any(True for _ in lesson.blocks("quiz"))]
    return found


LESSONS = lessons()


def right_answer(posed):
    """What a student who knows the answer types, for each kind."""
    q = posed.question
    if posed.kind == "choice":
        return str(posed.order.index(q.spec["answer"]) + 1)
    if posed.kind == "multi":
        return " ".join(str(posed.order.index(a) + 1) for a in q.spec["answer"])
    if posed.kind == "order":
        return " ".join(str(posed.order.index(t) + 1) for t in range(len(posed.options)))
    if posed.kind == "expression":
        return q.formula
    if posed.kind == "generated":
        return f"{posed.instance.answer:.3f}"
    if posed.kind == "number":
        return repr(q.value)
    return None


@pytest.mark.skipif(not LESSONS, reason="no lessons with quizzes in this checkout")
@pytest.mark.parametrize("lesson", LESSONS, ids=[f"{l.lang}/{l.id}" for l in LESSONS])
def test_lesson_quiz_answers_itself(lesson):
    questions = [q for block in lesson.blocks("quiz") for q in block.questions]
    problems = [p for p in validate_all(questions) if not re.search(r"unknown lab", p)]
    assert problems == []
    session = QuizSession(questions, lesson.id, lesson.lang, "checker")
    assert session.notices == []
    for posed in session.posed:
        raw = right_answer(posed)
        if raw is None:            # lab questions need their lab's run: see test_quiz_labs
            continue
        assert posed.check(raw).correct, (posed.question.id, raw)
        assert posed.text and posed.prompt()
