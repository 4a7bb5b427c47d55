"""A lesson's quiz looked back on: each question, what the student typed, the verdict,
the worked answer.  No Textual here (the review screen draws it).

Questions are posed as in the first sitting (round 0): option orders are the
student's own on every round, so the numbers typed still point at the options
they picked; a generated question's numbers may differ from a retake's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tutor.quiz.kinds import Posed

COUNTED = ("right", "wrong")     # verdicts that used a try (not unreadable input)


@dataclass(frozen=True)
class Reviewed:
    posed: Posed
    typed: str           # the last answer that counted ("" when none)
    tries: int           # answers that counted
    correct: bool | None  # None: not answered yet


def questions_of(lesson) -> list[dict]:
    return [q for block in lesson.blocks("quiz") for q in block.questions]


def review(lesson, student: str, answers: list[dict]) -> list[Reviewed]:
    """`answers` as Store.answers(student, lesson) gives them, oldest first."""
    from tutor.quiz import load

    last: dict[str, dict] = {}
    tries: dict[str, int] = {}
    for answer in answers:
        if answer.get("verdict") in COUNTED:
            last[answer["question"]] = answer
            tries[answer["question"]] = tries.get(answer["question"], 0) + 1
    out = []
    for question in load(questions_of(lesson), skip_invalid=True):
        try:
            posed = question.pose(student, 0)
        except Exception:   # a broken generator: the quiz skips it too
            continue
        seen = last.get(question.id)
        out.append(Reviewed(posed, seen["raw"] if seen else "", tries.get(question.id, 0),
                            None if seen is None else bool(seen["correct"])))
    return out


def missed(reviewed: list[Reviewed]) -> list[Any]:
    """The question dicts whose last counted answer was wrong: a retake of only these."""
    return [r.posed.question.spec for r in reviewed if r.correct is False]


def worked(posed: Posed) -> tuple[str, str]:
    """(the answer, how to get there); either may be "" (never raises)."""
    try:
        answer = posed.answer()
    except Exception:
        answer = ""
    try:
        working = posed.working()
    except Exception:
        working = ""
    return answer or "", working or ""
