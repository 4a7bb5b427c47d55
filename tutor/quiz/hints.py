"""Is a choice question's hint about the question?  A content check for lesson files
(tests/test_quiz_hints.py): every choice and multi question has its own hint, the hint
is not one of the generic sentences that fit any question, and it does not quote a right
option (a hint points at the idea; the answer comes after the last try)."""
from __future__ import annotations

import re

# Sentences that fit any question (en and zh): they tell the student nothing.
GENERIC = re.compile(
    r"re-?read|read (the|it) (question )?again|read (the question )?carefully|think (again|harder|carefully)|"
    r"look (again|carefully)|try again|rule out|eliminate|"
    r"再读|重读|重新读|仔细读|再想想|仔细想|再看一遍|排除",
    re.IGNORECASE)
QUOTED = 6     # a right option this long (characters) must not appear in the hint


def hint_problems(question: dict) -> list[str]:
    """What is wrong with the hint of one choice or multi question (English, for a teacher)."""
    if question.get("kind") not in ("choice", "multi"):
        return []
    hint = str(question.get("hint") or "").strip()
    if not hint:
        return ["has no hint of its own (students would get the generic one)"]
    found = GENERIC.search(hint)
    if found:
        return [f"hint {hint!r} is generic ({found.group(0)!r}): say what idea the question tests"]
    answer = question.get("answer")
    right = answer if isinstance(answer, list) else [answer]
    options = question.get("options") or []
    for index in right:
        if isinstance(index, int) and 0 <= index < len(options):
            text = str(options[index]).strip()
            if len(text) >= QUOTED and text.casefold() in hint.casefold():
                return [f"hint {hint!r} gives away the answer {text!r}"]
    return []
