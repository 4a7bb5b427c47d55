"""A student's standing as the screens show it: lesson numbers (2.1), pages seen,
quiz scores.  No Textual here: the home and progress screens and the teacher's
dashboard all read it.
"""
from __future__ import annotations


def score_text(value) -> str:
    """A quiz score as the store gives it: (3, 5), {"score": 3, "total": 5}, 0.6 …"""
    if value is None:
        return ""
    if isinstance(value, dict):
        score, total = value.get("score"), value.get("total")
        return f"{score}/{total}" if total else str(score)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return f"{value[0]}/{value[1]}"
    return str(value)


def pages_seen(status: dict | None) -> int:
    """How many pages the store says were seen ("seen", or the list "pages")."""
    status = status or {}
    for key in ("seen", "pages_seen"):
        if isinstance(status.get(key), int):
            return status[key]
    pages = status.get("pages")
    return len(pages) if isinstance(pages, (list, tuple, set)) else 0


def numbering(lessons) -> dict[str, str]:
    """"chapter.position" for each lesson id: 2.1 is the first lesson of chapter 2
    (the files' `order` may count across chapters)."""
    numbers: dict[str, str] = {}
    position: dict[int, int] = {}
    for lesson in lessons:
        position[lesson.chapter] = position.get(lesson.chapter, 0) + 1
        numbers[lesson.id] = f"{lesson.chapter}.{position[lesson.chapter]}"
    return numbers
