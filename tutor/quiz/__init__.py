"""Quizzes the engine checks.

`validate(question)` lists what is wrong with one question dict from a lesson's
quiz block (empty when fine; `dltutor check` and the loader add file and
line).  `load(questions)` turns the dicts into Question objects
(tutor.quiz.kinds).  `QuizSession` (session.py) runs a sitting; `run_plain`
(plain.py) is `dltutor quiz --plain`; `QuizView` (widget.py) is the Textual
widget — import it from tutor.quiz.widget, this package never imports Textual.
"""
from __future__ import annotations

import difflib
from typing import Any, Iterable

from tutor.quiz.kinds import COMMON_KEYS, ID_PATTERN, KINDS, Question, did_you_mean

__all__ = ["validate", "validate_all", "load", "QuizError", "KINDS", "Question", "QuizView"]


def __getattr__(name: str):
    # `from tutor.quiz import QuizView` works, but Textual loads only when asked for
    if name == "QuizView":
        from tutor.quiz.widget import QuizView

        return QuizView
    raise AttributeError(f"module 'tutor.quiz' has no attribute {name!r}")


class QuizError(ValueError):
    """Questions that cannot be used; the message lists every problem."""


def _name(question: Any) -> str:
    if isinstance(question, dict) and question.get("id") not in (None, ""):
        return f"question {question.get('id')!r}: "
    return ""


def _odd_dollars(text: str) -> bool:
    return text.replace(r"\$", "").count("$") % 2 == 1


def validate(question: dict) -> list[str]:
    """What is wrong with one question (clear English reasons); [] when it is fine."""
    if not isinstance(question, dict):
        return [f"a question must be a mapping (id:, kind:, ask: …), not {type(question).__name__}"]
    out: list[str] = []
    qid = question.get("id")
    if qid is None or str(qid).strip() == "":
        out.append("'id' is missing")
    elif not isinstance(qid, (str, int)) or isinstance(qid, bool) or not ID_PATTERN.match(str(qid)):
        out.append(f"'id' {qid!r} must be a short name of letters, digits, '-', '_' or '.'")
    kind = question.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        hint = did_you_mean(kind, KINDS, n=2)
        out.append(f"'kind' {kind!r} is not one of {', '.join(KINDS)}{hint}" if kind is not None
                   else f"'kind' is missing; one of {', '.join(KINDS)}")
    ask = question.get("ask")
    if ask is not None and (not isinstance(ask, (str, int, float)) or isinstance(ask, bool)):
        out.append("'ask' must be text")
    elif cls is not None and cls.needs_ask and (ask is None or str(ask).strip() == ""):
        out.append("'ask' (the question text) is missing")
    for key in ("hint", "explain"):
        if key in question and not isinstance(question[key], (str, int, float)):
            out.append(f"'{key}' must be text")
    for key in ("ask", "hint", "explain"):
        if isinstance(question.get(key), str) and _odd_dollars(question[key]):
            out.append(f"'{key}' has an unmatched $ (math is written $…$)")
    for key in ("options", "items"):
        if isinstance(question.get(key), list) and any(isinstance(o, str) and _odd_dollars(o) for o in question[key]):
            out.append(f"one of the '{key}' has an unmatched $ (math is written $…$)")
    tries = question.get("tries", 2)
    if not isinstance(tries, int) or isinstance(tries, bool) or not 1 <= tries <= 9:
        out.append(f"'tries' must be a whole number from 1 to 9, not {tries!r}")
    if cls is not None:
        allowed = set(COMMON_KEYS) | set(cls.keys)
        for key in question:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                out.append(f"unknown key {key!r} for a {kind} question{hint}")
        try:
            out.extend(cls.problems(question))
        except Exception as exc:  # validation must report, never crash `dltutor check`
            out.append(f"could not be checked: {type(exc).__name__}: {exc}")
    return out


def validate_all(questions: Iterable[Any]) -> list[str]:
    """Problems of a whole quiz block: each question's, and ids used twice."""
    out: list[str] = []
    seen: set[str] = set()
    for i, question in enumerate(questions):
        for problem in validate(question):
            out.append(f"{_name(question) or f'question {i + 1}: '}{problem}")
        if isinstance(question, dict) and question.get("id") is not None:
            qid = str(question["id"])
            if qid in seen:
                out.append(f"question {qid!r}: the id is used twice")
            seen.add(qid)
    return out


def load(questions: Iterable[Any], skip_invalid: bool = False, problems: list | None = None) -> list[Question]:
    """Question objects from question dicts.

    Raises QuizError listing every problem, unless `skip_invalid`: then bad
    questions are left out and their problems appended to `problems`.
    """
    loaded: list[Question] = []
    found: list[str] = []
    for i, question in enumerate(questions or ()):
        if isinstance(question, Question):
            loaded.append(question)
            continue
        reasons = validate(question)
        if reasons:
            found.extend(f"{_name(question) or f'question {i + 1}: '}{r}" for r in reasons)
            continue
        loaded.append(KINDS[question["kind"]](question))
    if found and not skip_invalid:
        raise QuizError("; ".join(found))
    if problems is not None:
        problems.extend(found)
    return loaded
