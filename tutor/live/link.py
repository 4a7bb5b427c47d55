"""One connection to the class's database for live teaching (the `live` tables, schema.py).

The class is the database: the same data folder's progress.db, or the same
PostgreSQL database.  Its `live` table has one row (class = 1): who teaches
(`teacher`, and `token`, new for every `dltutor teach`), `serial` (one more
for every state published), the `state` (state.py's JSON) and `beat` (the
teacher's clock, renewed every few seconds while teaching).
`live_answers` keeps each student's first answer to each asked question.

The same SQL runs on both databases (? placeholders; pg.py turns them into
%s).  Every link opens its own connection, never the progress store's, so a
student's saving never waits for teaching, nor teaching for saving.  A link is
used by one thread at a time (watch.py's or lead.py's).
"""
from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from tutor.live.state import decode

STALE = 12.0        # seconds without a beat: that teacher is gone, another may take the class
MAX_ANSWERS = 2000  # answers read for one question (a class is far smaller)


class Busy(Exception):
    """Another teacher is teaching this class."""

    def __init__(self, teacher: str, since: float) -> None:
        super().__init__(teacher)
        self.teacher, self.since = teacher, since


class Row(NamedTuple):
    token: str
    serial: int
    state: str
    beat: float


class Link:
    """The live tables of one class (see the module docstring); open one with open_link (connect.py)."""

    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)

    # --- what a subclass gives ----------------------------------------------------
    @contextlib.contextmanager
    def _tx(self) -> Iterator[Any]:
        """One write transaction; yields `execute(sql, args) -> cursor`."""
        raise NotImplementedError

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        raise NotImplementedError

    def _notify(self, execute: Any) -> None:
        """Inside a publishing transaction: wake the listeners (PostgreSQL)."""

    def wait(self, seconds: float, stop: threading.Event) -> None:
        """Until something may have changed, `seconds` at most (or `stop` is set)."""
        stop.wait(seconds)

    def close(self) -> None:
        raise NotImplementedError

    # --- reading --------------------------------------------------------------------
    def read(self) -> Row | None:
        rows = self._query("SELECT token, serial, state, beat FROM live WHERE class = 1")
        if not rows:
            return None
        token, serial, state, beat = rows[0]
        try:
            return Row(str(token), int(serial), str(state), float(beat))
        except (TypeError, ValueError):
            return None

    def answers(self, ask: str) -> list[tuple[str, str, float]]:
        """(student, answer JSON, time) of every answer to the asking `ask`, first first."""
        return [(str(s), str(a), float(at)) for s, a, at in self._query(
            "SELECT student, answer, at FROM live_answers WHERE ask = ? ORDER BY at LIMIT ?", (ask, MAX_ANSWERS))]

    # --- the teacher's writes -----------------------------------------------------------
    def claim(self, teacher: str, token: str, state: str, now: float | None = None) -> None:
        """Become this class's teacher, or raise Busy if another one beat in the last STALE seconds."""
        now = time.time() if now is None else now
        with self._tx() as execute:
            execute("INSERT INTO live (class, teacher, token, serial, state, beat) VALUES (1, '', '', 0, '', 0) "
                    "ON CONFLICT (class) DO NOTHING")
            row = execute(f"SELECT teacher, token, state, beat FROM live WHERE class = 1{self._for_update}").fetchone()
            other, other_token, other_state, beat = row
            old = decode(other_state)
            if other_token and other_token != token and old is not None and not old.stopped \
                    and now - float(beat) < STALE:
                raise Busy(str(other), float(beat))
            execute("UPDATE live SET teacher = ?, token = ?, serial = serial + 1, state = ?, beat = ? WHERE class = 1",
                    (teacher, token, state, now))
            execute("DELETE FROM live_answers")           # a new lesson: last time's answers go
            self._notify(execute)

    _for_update = ""

    def publish(self, token: str, state: str, now: float | None = None) -> bool:
        """A new state; False if the class is no longer ours (another teacher took it over)."""
        now = time.time() if now is None else now
        with self._tx() as execute:
            done = execute("UPDATE live SET serial = serial + 1, state = ?, beat = ? WHERE class = 1 AND token = ?",
                           (state, now, token)).rowcount
            if done:
                self._notify(execute)
        return bool(done)

    def beat(self, token: str, now: float | None = None) -> bool:
        """Still teaching; False if the class is no longer ours."""
        now = time.time() if now is None else now
        with self._tx() as execute:
            return bool(execute("UPDATE live SET beat = ? WHERE class = 1 AND token = ?", (now, token)).rowcount)

    # --- a student's write ---------------------------------------------------------------
    def answer(self, ask: str, student: str, answer: str, now: float | None = None) -> None:
        """A student's answer to the asking `ask`; only the first one counts."""
        now = time.time() if now is None else now
        with self._tx() as execute:
            execute("INSERT INTO live_answers (ask, student, answer, at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (ask, student) DO NOTHING", (ask, student, answer, now))


class SQLiteLink(Link):
    """The live tables in the class's progress.db (WAL: reading never waits for a writer)."""

    def __init__(self, path: Path) -> None:
        # mode=rw: the progress store made the file and its tables; a link never creates one
        self._conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=5, isolation_level=None,
                                     check_same_thread=False)
        try:
            self._conn.execute("PRAGMA busy_timeout = 5000")
            self._conn.execute("SELECT 1 FROM live LIMIT 1")     # no table: an older file (fails here)
        except BaseException:
            self._conn.close()
            raise

    @contextlib.contextmanager
    def _tx(self) -> Iterator[Any]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn.execute
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        return self._conn.execute(sql, args).fetchall()

    def close(self) -> None:
        try:
            self._conn.close()
        except sqlite3.Error:
            pass
