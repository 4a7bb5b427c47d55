"""A student's progress: pages seen, every answer, quiz scores, labs opened, exercises.

    from tutor.progress import Store
    store = Store(path)                       # a SQLite file (the default: progress.db in the data folder)
    store = Store("postgresql://host/dltutor")  # many servers, one class

`Store(where)` gives the store for `where` (a path, `sqlite:///PATH` or a
`postgresql://` URL; `location.py` reads --db): `sqlite.py` or `postgres.py`.
Both keep the same tables (`schema.py`, versioned, migrated in place) and
write the same way (`ops.py`: every write is data, and idempotent).  This
module is the API both share (docs/ARCHITECTURE.md, "Progress").

The app never loses an answer and never crashes on a bad database: a write
the database refuses (disk full, file removed, server down) is kept in memory
(`saving` is False), the database is tried again, and what was kept is
written once it works.  Each such event adds a `Notice` to `notices` and
calls `on_notice` at once, so a failure in the middle of a session is shown
when it happens — and nothing claims a save that did not happen.
"""
from __future__ import annotations

import getpass
import logging
import os
import stat
import time
from pathlib import Path
from typing import Any, Callable

from tutor.locale import N_, translated, using
from tutor.progress.ops import Write, write

log = logging.getLogger("dltutor.progress")
# Notices go to `Store.notices` for the app to show; never let logging print over the TUI.
log.addHandler(logging.NullHandler())

FILE_NAME = "progress.db"
RETRIES = 6
RETRY_EVERY = 5.0       # seconds between tries of a file that failed (a page turn must stay fast)
# Characters of one answer that are kept: the quiz refuses a longer answer with a
# message, and the store cuts one that arrives anyway (10 MB answers were kept whole).
MAX_ANSWER = 2000


def default_path(data_dir: str | os.PathLike | None = None) -> Path:
    """--data-dir, else $DLTUTOR_DATA_DIR, else the platform's user data directory."""
    if data_dir:
        return Path(data_dir).expanduser() / FILE_NAME
    env = os.environ.get("DLTUTOR_DATA_DIR")
    if env:
        return Path(env).expanduser() / FILE_NAME
    from platformdirs import user_data_dir

    return Path(user_data_dir("dltutor", appauthor=False)) / FILE_NAME


def default_student() -> str:
    """The login name (a fixed name if the system cannot tell us one)."""
    try:
        name = getpass.getuser()
    except Exception:  # no USER/LOGNAME and no passwd entry (some containers)
        name = ""
    return name.strip() or "student"


# What each notice says (English msgids; tutor/locale/zh/app.po has the Chinese).
NOTICES = {
    "moved_aside": N_("The progress file was damaged; it was moved to {path} and a new one started."),
    "not_saved": N_("Progress is not being saved: {reason}. It is kept in memory for now; "
                    "saving will be tried again as you go."),
    "saving_again": N_("Saving works again: {n} change(s) kept in memory were written to {path}."),
}


class Notice(str):
    """A sentence for the student: `text()` in their language (tutor.locale), str() English
    (for the log).  `key` says what happened ("not_saved", "saving_again", "moved_aside")."""

    key: str
    msgid: str
    values: dict

    def __new__(cls, key: str, **values: Any) -> "Notice":
        msgid = NOTICES[key]
        notice = super().__new__(cls, msgid.format(**values))
        notice.key, notice.msgid, notice.values = key, msgid, values
        return notice

    def text(self, lang: str | None = None) -> str:
        """In the process's language; `lang` only for callers that still pass one (tutor.quiz.plain)."""
        if lang is None:
            return translated(self.msgid, **self.values)
        with using(lang):
            return translated(self.msgid, **self.values)


class Unavailable(Exception):
    """A read the database cannot answer now (PostgreSQL away) and was never answered before."""


def shared_folder(folder: Path) -> bool:
    """A folder a group shares on purpose (setgid or group-writable, e.g. chmod 2770)."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    # World-writable (/tmp, a fresh tmpfs) is open to everyone, not shared with a group.
    return bool(mode & (stat.S_ISGID | stat.S_IWGRP)) and not mode & stat.S_IWOTH


class Store:
    """The progress of every student in one database (see the module docstring).

    `Store(where)` returns the store for `where`: a path or `sqlite:///PATH` (SQLiteStore,
    sqlite.py) or a `postgresql://` URL (PostgresStore, postgres.py).  A subclass gives
    `_write(Write)`, `_read(sql, args)` (SQL with ? placeholders) and `close()`.
    """

    saving: bool                     # False while writes are kept in memory, not in the database
    notices: list[Notice]
    on_notice: Callable[[Notice], Any] | None
    retry_every: float

    def __new__(cls, where: Any = None, *args: Any, **kwargs: Any) -> "Store":
        if cls is Store:
            from tutor.progress.location import is_postgres

            if is_postgres(where):
                from tutor.progress.postgres import PostgresStore as backend
            else:
                from tutor.progress.sqlite import SQLiteStore as backend
            cls = backend
        return super().__new__(cls)

    def _notice(self, key: str, **values: Any) -> None:
        notice = Notice(key, **values)
        self.notices.append(notice)
        log.warning(notice)
        if self.on_notice is not None:
            try:
                self.on_notice(notice)
            except Exception:   # a closed app must not break saving
                pass

    def _write(self, write: Write) -> None:
        raise NotImplementedError

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing (docs/ARCHITECTURE.md); each call is one Write (ops.py) -------------------
    def page_seen(self, student: str, lesson: str, page: int) -> None:
        """Page `page` (0-based) of `lesson` was shown; it is also the last position."""
        self._write(write("page_seen", student, lesson, int(page), time.time()))

    def record_answer(self, student: str, lesson: str, question: str, raw: str, verdict: str,
                      correct: bool) -> None:
        """Every answer typed, as typed (at most MAX_ANSWER characters), with the verdict shown."""
        raw = str(raw)
        if len(raw) > MAX_ANSWER:   # the quiz refuses these; a caller that does not is cut here
            raw = raw[:MAX_ANSWER - 1] + "…"
        self._write(write("record_answer", student, lesson, question, raw, str(verdict), int(bool(correct)),
                          time.time()))

    def quiz_score(self, student: str, lesson: str, score: float, total: int) -> None:
        """A finished quiz: always the last score; the best one if it beats the old best."""
        self._write(write("quiz_score", student, lesson, score, total, time.time()))

    def lab_opened(self, student: str, lab: str) -> None:
        self._write(write("lab_opened", student, lab, time.time()))

    def exercise_checked(self, student: str, exercise: str, status: str) -> None:
        """One check of an exercise (`dltutor exercises check`): its status now, one more attempt,
        and when it first passed."""
        now = time.time()
        self._write(write("exercise_checked", student, exercise, status, now, now if status == "passed" else None))

    def reset(self, student: str) -> None:
        """Forget everything about `student` (the progress screen's reset, after a confirmation)."""
        self._write(write("reset_student", student))

    # --- reading ---------------------------------------------------------------------------
    def last_position(self, student: str) -> tuple[str, int] | None:
        rows = self._read("SELECT lesson, page FROM position WHERE student = ?", (student,))
        return (rows[0][0], rows[0][1]) if rows else None

    def answers(self, student: str, lesson: str | None = None) -> list[dict]:
        """Every answer of a student (optionally one lesson), oldest first."""
        sql = "SELECT lesson, question, raw, verdict, correct, at FROM answers WHERE student = ?"
        args: tuple = (student,)
        if lesson is not None:
            sql += " AND lesson = ?"
            args += (lesson,)
        return [dict(lesson=r[0], question=r[1], raw=r[2], verdict=r[3], correct=bool(r[4]), at=r[5])
                for r in self._read(sql + " ORDER BY id", args)]

    def labs(self, student: str) -> dict[str, int]:
        """How often the student opened each lab."""
        return {lab: times for lab, times in self._read("SELECT lab, times FROM labs WHERE student = ?", (student,))}

    def lab_times(self, student: str) -> dict[str, tuple[float, float]]:
        """{lab: (first opened, last opened)} as Unix times."""
        return {lab: (first, last) for lab, first, last in self._read(
            "SELECT lab, first_opened, last_opened FROM labs WHERE student = ?", (student,))}

    def lesson_status(self, student: str) -> dict[str, dict]:
        """{lesson: {pages, seen, best, last, answers, correct, last_active}} for one student.

        `pages` is the sorted list of pages seen, `best`/`last` are
        (score, total) or None, `last_active` a Unix time or None.
        """
        status: dict[str, dict] = {}

        def entry(lesson: str) -> dict:
            return status.setdefault(lesson, dict(pages=[], seen=0, best=None, last=None,
                                                  answers=0, correct=0, last_active=None))

        def touch(item: dict, at: float | None) -> None:
            if at is not None and (item["last_active"] is None or at > item["last_active"]):
                item["last_active"] = at

        for lesson, page, seen in self._read(
                "SELECT lesson, page, last_seen FROM pages WHERE student = ? ORDER BY lesson, page", (student,)):
            item = entry(lesson)
            item["pages"].append(page)
            item["seen"] += 1
            touch(item, seen)
        for lesson, n, right, at in self._read(
                "SELECT lesson, COUNT(*), SUM(correct), MAX(at) FROM answers WHERE student = ? GROUP BY lesson",
                (student,)):
            item = entry(lesson)
            item["answers"], item["correct"] = int(n), int(right or 0)
            touch(item, at)
        for lesson, bs, bt, ls, lt, at in self._read(
                "SELECT lesson, best_score, best_total, last_score, last_total, last_at FROM scores "
                "WHERE student = ?", (student,)):
            item = entry(lesson)
            item["best"], item["last"] = (_num(bs), bt), (_num(ls), lt)
            touch(item, at)
        return dict(sorted(status.items()))

    def students(self) -> list[str]:
        rows = self._read("SELECT student FROM pages UNION SELECT student FROM answers "
                          "UNION SELECT student FROM scores UNION SELECT student FROM labs")
        return sorted(r[0] for r in rows)      # in Python: a database's collation may sort otherwise

    def rows(self, student: str | None = None) -> list[dict]:
        """One row per (student, lesson) for export: a teacher's spreadsheet."""
        out = []
        for who in [student] if student is not None else self.students():
            for lesson, s in sorted(self.lesson_status(who).items()):
                out.append(dict(student=who, lesson=lesson, pages_seen=s["seen"],
                                best_score=s["best"][0] if s["best"] else None,
                                best_total=s["best"][1] if s["best"] else None,
                                last_score=s["last"][0] if s["last"] else None,
                                last_total=s["last"][1] if s["last"] else None,
                                answers=s["answers"], correct=s["correct"], last_active=s["last_active"]))
        return out

    def exercise_status(self, student: str) -> dict[str, dict]:
        """{exercise: {status, attempts, last_at, passed_at}} for one student."""
        return {name: dict(status=status, attempts=attempts, last_at=last, passed_at=passed)
                for name, status, attempts, last, passed in self._read(
                    "SELECT exercise, status, attempts, last_at, passed_at FROM exercises WHERE student = ? "
                    "ORDER BY exercise", (student,))}


def _num(x: float) -> float | int:
    """3.0 -> 3 so scores read as whole numbers when they are."""
    return int(x) if float(x).is_integer() else x
