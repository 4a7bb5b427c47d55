"""Every write the store makes, as data: `Write(op, args)` and the SQL that applies it.

A write is a name and plain values (the time is taken when the student acts,
not when it reaches the database), so one kept while the database was away
can be applied later unchanged, and a channel (PostgreSQL's NOTIFY, for live
teaching) can carry it as it is.

Every write is idempotent: applying it twice leaves what applying it once
does.  A write whose COMMIT was cut off by a lost connection may or may not
have landed; it is kept and sent again, and must not count twice.  SQL is
written once with ? placeholders, in the dialect SQLite and PostgreSQL share
(ON CONFLICT … DO UPDATE, `excluded`).
"""
from __future__ import annotations

from typing import Any, Callable, NamedTuple


class Write(NamedTuple):
    op: str             # a name in OPS
    args: tuple         # plain values: str, int, float, bool, None

    def apply(self, c: Any) -> None:
        OPS[self.op](c, *self.args)


def text(value: object) -> object:
    """Text both databases take: a lone surrogate (undecodable input read with surrogateescape,
    which made SQLite raise and lost the answer) and NUL (PostgreSQL refuses it) become U+FFFD."""
    if not isinstance(value, str):
        return value
    value = value.replace("\x00", "\N{REPLACEMENT CHARACTER}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def write(op: str, *args: object) -> Write:
    return Write(op, tuple(text(a) for a in args))


def page_seen(c, student: str, lesson: str, page: int, at: float) -> None:
    c.execute("INSERT INTO pages VALUES (?, ?, ?, ?, ?) ON CONFLICT (student, lesson, page) "
              "DO UPDATE SET last_seen = excluded.last_seen", (student, lesson, page, at, at))
    c.execute("INSERT INTO position VALUES (?, ?, ?, ?) ON CONFLICT (student) "
              "DO UPDATE SET lesson = excluded.lesson, page = excluded.page, at = excluded.at",
              (student, lesson, page, at))


def record_answer(c, student: str, lesson: str, question: str, raw: str, verdict: str, correct: int,
                  at: float) -> None:
    # The same student, question and instant already stored: this is that answer sent again.
    c.execute("INSERT INTO answers (student, lesson, question, raw, verdict, correct, at) "
              "SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM answers "
              "WHERE student = ? AND at = ? AND lesson = ? AND question = ?)",
              (student, lesson, question, raw, verdict, correct, at, student, at, lesson, question))


def quiz_score(c, student: str, lesson: str, score: float, total: int, at: float) -> None:
    """Always the last score; the best one only if its share beats the old best's."""
    new, old = "(CASE WHEN ? <> 0 THEN ? / ? ELSE 0 END)", \
        "(CASE WHEN scores.best_total <> 0 THEN scores.best_score / scores.best_total ELSE 0 END)"
    ratio = (total, float(score), float(total))
    c.execute(
        "INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (student, lesson) DO UPDATE SET "
        f"best_score = CASE WHEN {new} > {old} THEN excluded.best_score ELSE scores.best_score END, "
        f"best_total = CASE WHEN {new} > {old} THEN excluded.best_total ELSE scores.best_total END, "
        f"best_at = CASE WHEN {new} > {old} THEN excluded.best_at ELSE scores.best_at END, "
        "last_score = excluded.last_score, last_total = excluded.last_total, last_at = excluded.last_at",
        (student, lesson, score, total, at, score, total, at, *ratio, *ratio, *ratio))


def lab_opened(c, student: str, lab: str, at: float) -> None:
    # `WHERE … <>`: the same opening sent again is not a second one
    c.execute("INSERT INTO labs VALUES (?, ?, 1, ?, ?) ON CONFLICT (student, lab) DO UPDATE SET "
              "times = labs.times + 1, last_opened = excluded.last_opened "
              "WHERE labs.last_opened <> excluded.last_opened", (student, lab, at, at))


def exercise_checked(c, student: str, exercise: str, status: str, at: float, passed: float | None) -> None:
    c.execute("INSERT INTO exercises VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (student, exercise) DO UPDATE SET "
              "status = excluded.status, attempts = exercises.attempts + 1, last_at = excluded.last_at, "
              "passed_at = COALESCE(exercises.passed_at, excluded.passed_at) "
              "WHERE exercises.last_at <> excluded.last_at", (student, exercise, status, at, at, passed))


def reset_student(c, student: str) -> None:
    # The progress screen's reset: everything the student did goes (live teaching's tables are the teacher's)
    for table in ("pages", "answers", "scores", "labs", "position", "exercises"):
        c.execute(f"DELETE FROM {table} WHERE student = ?", (student,))


OPS: dict[str, Callable[..., None]] = {f.__name__: f for f in (
    page_seen, record_answer, quiz_score, lab_opened, exercise_checked, reset_student)}
