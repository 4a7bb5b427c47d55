"""`dltutor class --data-dir D`: the teacher's view of a classroom.

A table of students × lessons (pages seen, best quiz score), when each
student was last active, and the question each one is stuck on: the most
recent question whose last attempt was wrong.  Live in the terminal
(refreshed every few seconds, sortable), or as CSV for a spreadsheet.
Only someone who can read D sees it: it reads the progress file directly.
"""
from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field
from typing import TextIO

from tutor.locale import N_


@dataclass
class StudentRow:
    student: str
    cells: dict[str, dict] = field(default_factory=dict)   # lesson id -> lesson_status entry
    last_active: float | None = None
    stuck_on: str = ""                                      # "lesson:question", or ""
    pages_seen: int = 0
    quiz_points: float = 0.0


def stuck_question(answers: list[dict]) -> str:
    """The most recent question whose latest attempt was wrong (unreadable input doesn't count)."""
    latest: dict[tuple[str, str], dict] = {}
    for a in answers:
        if a.get("verdict") == "unreadable":
            continue
        key = (a["lesson"], a["question"])
        if key not in latest or a["at"] >= latest[key]["at"]:
            latest[key] = a
    wrong = [a for a in latest.values() if not a["correct"]]
    if not wrong:
        return ""
    last = max(wrong, key=lambda a: a["at"])
    return f"{last['lesson']}:{last['question']}"


def class_rows(store) -> list[StudentRow]:
    rows = []
    for student in store.students():
        status = store.lesson_status(student)
        row = StudentRow(student, cells=status)
        times = [s["last_active"] for s in status.values() if s["last_active"]]
        row.last_active = max(times) if times else None
        row.stuck_on = stuck_question(store.answers(student))
        row.pages_seen = sum(s["seen"] for s in status.values())
        row.quiz_points = sum(s["best"][0] for s in status.values() if s["best"])
        rows.append(row)
    return rows


def cell_text(entry: dict | None, pages: int | None) -> str:
    """'5/7 3/4': pages seen of the lesson's pages, best quiz score ('-' if none)."""
    if not entry:
        return ""
    seen = f"{entry['seen']}/{pages}" if pages else str(entry["seen"])
    best = f"{entry['best'][0]}/{entry['best'][1]}" if entry["best"] else "-"
    return f"{seen} {best}"


def when(at: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at)) if at else ""


def write_csv(rows: list[StudentRow], lessons: list, out: TextIO) -> None:
    """One line per student and lesson: the same numbers as the dashboard."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "lesson", "pages_seen", "pages_total", "best_score", "best_total",
                     "last_score", "last_total", "last_active", "stuck_on"])
    pages = {lesson.id: len(lesson.pages) for lesson in lessons}
    for row in rows:
        for lesson_id, s in sorted(row.cells.items()):
            best, last = s["best"] or ("", ""), s["last"] or ("", "")
            writer.writerow([row.student, lesson_id, s["seen"], pages.get(lesson_id, ""), best[0], best[1],
                             last[0], last[1], when(s["last_active"]), row.stuck_on])


# The dashboard's sort orders, also its column names (shown with `translated`).
SORTS = (N_("student"), N_("last active"), N_("pages seen"), N_("quiz points"), N_("stuck on"))


def sort_rows(rows: list[StudentRow], by: str) -> list[StudentRow]:
    keys = {
        "student": lambda r: r.student.lower(),
        "last active": lambda r: -(r.last_active or 0),
        "pages seen": lambda r: -r.pages_seen,
        "quiz points": lambda r: -r.quiz_points,
        "stuck on": lambda r: (r.stuck_on == "", r.stuck_on),
    }
    return sorted(rows, key=keys[by])
