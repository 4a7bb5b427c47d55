"""A student's standing as the screens show it: lesson numbers (2.1), pages seen,
quiz scores.  No Textual here: the home and progress screens and the teacher's
dashboard all read it.
"""
from __future__ import annotations

from tutor.content.refs import numbering  # noqa: F401 - the numbers live with the content now


def score_text(pair) -> str:
    """A quiz score as the store gives it, (score, total) or None: "3/5" or ""."""
    return f"{pair[0]}/{pair[1]}" if pair else ""


def pages_seen(status: dict | None) -> int:
    """How many pages of a lesson the store's lesson_status entry says were seen."""
    return (status or {}).get("seen", 0)


def following(lessons, lesson_id: str):
    """The lesson after `lesson_id` in the app's order, or None after the last one."""
    ids = [lesson.id for lesson in lessons]
    if lesson_id not in ids:
        return None
    index = ids.index(lesson_id)
    return lessons[index + 1] if index + 1 < len(lessons) else None
