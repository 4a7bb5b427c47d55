"""A student's progress as CSV, one line per lesson: `dltutor progress --csv` and the
progress screen's export write the same columns."""
from __future__ import annotations

import csv
import time
from typing import TextIO

COLUMNS = ["lesson", "title", "pages_seen", "pages_total", "best_score", "best_total",
           "last_score", "last_total", "last_active"]


def _when(at: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at)) if at else ""


def write_csv(lessons, status: dict, out: TextIO) -> None:
    """`lessons` in the app's order, then any lesson the store knows that they lack."""
    known = {lesson.id for lesson in lessons}
    entries = [(lesson.id, lesson.title, len(lesson.pages)) for lesson in lessons]
    entries += [(lesson_id, "", None) for lesson_id in sorted(status) if lesson_id not in known]
    blank = dict(seen=0, best=None, last=None, last_active=None)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for lesson_id, title, total in entries:
        s = status.get(lesson_id, blank)
        best, last = s["best"] or ("", ""), s["last"] or ("", "")
        seen = min(s["seen"], total) if total is not None else s["seen"]
        writer.writerow([lesson_id, title, seen, "" if total is None else total,
                         best[0], best[1], last[0], last[1], _when(s["last_active"])])
