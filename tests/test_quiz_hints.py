"""A hint helps with *this* question and does not give its answer away.

For every lesson question that has a hint: the hint is not the question again,
no two questions of a lesson share a hint (a hint copied around is not specific),
a number question's hint does not contain its answer as written, and a choice
question's hint does not quote the right option.
"""
import re

import pytest

from tutor.content import load_lessons


def questions():
    found = []
    for lang in ("en", "zh"):
        for lesson in load_lessons(lang)[0]:
            for block in lesson.blocks("quiz"):
                found += [(lesson, q) for q in block.questions if q.get("hint")]
    return found


QUESTIONS = questions()


def gives_away(spec: dict) -> str | None:
    """What in the hint reveals the answer, or None."""
    hint = str(spec["hint"])
    if spec.get("kind") == "number":
        answer = str(spec["answer"]).strip()
        if re.search(rf"(?<![\d.]){re.escape(answer)}(?![\d])", hint):
            return f"the answer {answer}"
    if spec.get("kind") == "choice":
        right = str(spec["options"][spec["answer"]])
        if len(right) > 3 and right.lower() in hint.lower():
            return f"the right option {right!r}"
    return None


def test_the_checks_can_fail():
    assert gives_away({"kind": "number", "answer": "0.75", "hint": "It is 0.75."})
    assert not gives_away({"kind": "number", "answer": "0.75", "hint": "Divide 30 by 40."})
    assert not gives_away({"kind": "number", "answer": "5", "hint": "Use 2.5 and 0.5."})
    assert gives_away({"kind": "choice", "options": ["High variance", "High bias"], "answer": 0,
                       "hint": "It is high variance."})


@pytest.mark.parametrize("lesson, question", QUESTIONS,
                         ids=[f"{lesson.lang}/{lesson.id}/{q['id']}" for lesson, q in QUESTIONS])
def test_hint_is_specific_and_keeps_the_answer(lesson, question):
    spec = question
    assert str(spec["hint"]).strip() != str(spec.get("ask", "")).strip()
    others = [q["hint"] for block in lesson.blocks("quiz") for q in block.questions
              if q["id"] != question["id"] and q.get("hint")]
    assert spec["hint"] not in others, "the same hint on two questions"
    assert gives_away(spec) is None
