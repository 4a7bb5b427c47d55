"""A student's progress: pages seen, every answer, quiz scores, labs opened.

One SQLite file in the platform's user data directory (or `--data-dir`,
or $DLTUTOR_DATA_DIR).  Many students may share one file on a classroom
server, so: WAL mode, a 10 s busy timeout, and every write in its own
`BEGIN IMMEDIATE` transaction, retried a few times if the file is locked.

The app never loses an answer and never crashes on a bad file: a damaged
database is moved aside and a fresh one started; a location we cannot write
gives a Store that keeps working in memory (`saving` is False) and tries the
file again on later writes, writing what it kept once the file works again.
Each of these adds a `Notice` to `notices` and calls `on_notice` at once, so a
failure in the middle of a session is shown when it happens.

Permissions: progress.db holds every answer, so it is created 0600 in a folder
of 0700 — unless the folder is shared on purpose (setgid or group-writable, the
school-OpenSSH route of docs/classroom.md), where it is 0660 so every student
of the group can write.  SQLite gives the -wal and -shm files the database's
own mode (it chmods them, whatever the umask).
"""
from __future__ import annotations

import getpass
import logging
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path
from typing import Any, Callable

from tutor.locale import N_, translated, using

log = logging.getLogger("dltutor.progress")
# Notices go to `Store.notices` for the app to show; never let logging print over the TUI.
log.addHandler(logging.NullHandler())

FILE_NAME = "progress.db"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE IF NOT EXISTS pages (
        student TEXT NOT NULL, lesson TEXT NOT NULL, page INTEGER NOT NULL,
        first_seen REAL NOT NULL, last_seen REAL NOT NULL,
        PRIMARY KEY (student, lesson, page))""",
    """CREATE TABLE IF NOT EXISTS answers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        student TEXT NOT NULL, lesson TEXT NOT NULL, question TEXT NOT NULL,
        raw TEXT NOT NULL, verdict TEXT NOT NULL, correct INTEGER NOT NULL, at REAL NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS answers_by_lesson ON answers (student, lesson)",
    """CREATE TABLE IF NOT EXISTS scores (
        student TEXT NOT NULL, lesson TEXT NOT NULL,
        best_score REAL NOT NULL, best_total INTEGER NOT NULL, best_at REAL NOT NULL,
        last_score REAL NOT NULL, last_total INTEGER NOT NULL, last_at REAL NOT NULL,
        PRIMARY KEY (student, lesson))""",
    """CREATE TABLE IF NOT EXISTS labs (
        student TEXT NOT NULL, lab TEXT NOT NULL, times INTEGER NOT NULL,
        first_opened REAL NOT NULL, last_opened REAL NOT NULL,
        PRIMARY KEY (student, lab))""",
    """CREATE TABLE IF NOT EXISTS position (
        student TEXT PRIMARY KEY, lesson TEXT NOT NULL, page INTEGER NOT NULL, at REAL NOT NULL)""",
    "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1')",
    # dltutor exercises: the last check's status and how many checks (added later; IF NOT EXISTS migrates)
    """CREATE TABLE IF NOT EXISTS exercises (
        student TEXT NOT NULL, exercise TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
        first_at REAL NOT NULL, last_at REAL NOT NULL, passed_at REAL,
        PRIMARY KEY (student, exercise))""",
)
RETRIES = 6
RETRY_EVERY = 5.0       # seconds between tries of a file that failed (a page turn must stay fast)
# Characters of one answer that are kept: the quiz refuses a longer answer with a
# message, and the store cuts one that arrives anyway (10 MB answers were kept whole).
MAX_ANSWER = 2000
# The columns each table must have; a file that disagrees is not ours (or is
# damaged) and is moved aside like a corrupt one.
COLUMNS = {
    "pages": ("student", "lesson", "page", "first_seen", "last_seen"),
    "answers": ("id", "student", "lesson", "question", "raw", "verdict", "correct", "at"),
    "scores": ("student", "lesson", "best_score", "best_total", "best_at", "last_score", "last_total", "last_at"),
    "labs": ("student", "lab", "times", "first_opened", "last_opened"),
    "position": ("student", "lesson", "page", "at"),
}


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


class Notice(str):
    """A sentence for the student: `text()` in their language (tutor.locale), str() English
    (for the log).  `key` says what happened ("not_saved", "saving_again", "moved_aside")."""

    key: str
    msgid: str
    values: dict

    def __new__(cls, key: str, msgid: str, **values: Any) -> "Notice":
        notice = super().__new__(cls, msgid.format(**values))
        notice.key, notice.msgid, notice.values = key, msgid, values
        return notice

    def text(self, lang: str | None = None) -> str:
        """In the process's language; `lang` only for callers that still pass one (tutor.quiz.plain)."""
        if lang is None:
            return translated(self.msgid, **self.values)
        with using(lang):
            return translated(self.msgid, **self.values)


def shared_folder(folder: Path) -> bool:
    """A folder a group shares on purpose (setgid or group-writable, e.g. chmod 2770)."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    # World-writable (/tmp, a fresh tmpfs) is open to everyone, not shared with a group.
    return bool(mode & (stat.S_ISGID | stat.S_IWGRP)) and not mode & stat.S_IWOTH


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (so we never move aside a fresh one another process made)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _corrupt(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(s in text for s in ("not a database", "malformed", "corrupt", "file is encrypted"))


def _locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class Store:
    """Progress of every student in one SQLite file (see the module docstring)."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.saving = True
        self.notices: list[Notice] = []
        # Called with each new Notice as it happens (the app shows it at once);
        # may be called from any thread that writes.
        self.on_notice: Callable[[Notice], Any] | None = None
        self.retry_every = RETRY_EVERY
        self._pending: list[Callable[[sqlite3.Connection], Any]] = []   # writes the file has not got
        self._last_try = 0.0                 # time.monotonic() of the last failed try of the file
        self._lock = threading.RLock()
        self._conn = self._open()

    # --- opening ---------------------------------------------------------------
    def _notice(self, key: str, msgid: str, **values: Any) -> None:
        notice = Notice(key, msgid, **values)
        self.notices.append(notice)
        log.warning(notice)
        if self.on_notice is not None:
            try:
                self.on_notice(notice)
            except Exception:   # a closed app must not break saving
                pass

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            return self._memory(f"cannot create {self.path.parent}: {exc.strerror or exc}")
        for attempt in range(RETRIES):
            seen = _identity(self.path)
            try:
                self._prepare_file()
                return self._connect_file()
            except sqlite3.DatabaseError as exc:
                if _corrupt(exc) and self.path.exists():
                    if _identity(self.path) != seen:
                        continue  # another process already replaced it: try the new file
                    if not self._move_aside():
                        return self._memory(f"{self.path} is damaged and cannot be moved aside")
                    continue
                if _locked(exc) and attempt < RETRIES - 1:
                    time.sleep(0.05 * 2 ** attempt)
                    continue
                return self._memory(f"cannot use {self.path}: {exc}", copy_from=self.path)
            except OSError as exc:
                return self._memory(f"cannot use {self.path}: {exc.strerror or exc}")
        return self._memory(f"cannot use {self.path}")

    def _prepare_file(self) -> None:
        """Create progress.db with the mode its folder calls for (see the module docstring)."""
        shared = shared_folder(self.path.parent)
        mode = 0o660 if shared else 0o600
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
        except FileExistsError:
            self._fix_mode(shared)
            return
        except OSError:
            return                  # SQLite says why, in its own words
        try:
            os.fchmod(fd, mode)     # the umask (022) would leave 0640: classmates could not write
        finally:
            os.close(fd)            # an empty file is an empty SQLite database

    def _fix_mode(self, shared: bool) -> None:
        """A file of ours that an older version made 0644: private, or group-writable if shared."""
        for path in (self.path, self.path.with_name(self.path.name + "-wal"),
                     self.path.with_name(self.path.name + "-shm")):
            try:
                st = os.stat(path, follow_symlinks=False)
                if st.st_uid != os.getuid() or not stat.S_ISREG(st.st_mode):
                    continue
                mode = st.st_mode & 0o777
                want = (mode | 0o060) & ~0o007 if shared else mode & ~0o077
                if want != mode:
                    os.chmod(path, want)
            except OSError:
                pass

    def _connect_file(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), timeout=10, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            check = conn.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed ({check[0] if check else '?'})")
            self._transaction(conn, self._create)
            self._check_columns(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _check_columns(conn: sqlite3.Connection) -> None:
        for table, columns in COLUMNS.items():
            have = tuple(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))
            if have != columns:
                raise sqlite3.DatabaseError(f"not a dltutor progress file (table {table} is malformed)")

    @staticmethod
    def _create(conn: sqlite3.Connection) -> None:
        for statement in SCHEMA:
            conn.execute(statement)

    def _move_aside(self) -> bool:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            self.path.rename(target)
        except OSError:
            return False
        for suffix in ("-wal", "-shm"):  # stale journal files belong to the damaged copy
            extra = self.path.with_name(self.path.name + suffix)
            try:
                if extra.exists():
                    extra.rename(target.with_name(target.name + suffix))
            except OSError:
                pass
        self._notice("moved_aside", N_("The progress file was damaged; it was moved to {path} and a new one started."),
                     path=str(target))
        return True

    def _memory(self, reason: str, copy_from: Path | None = None) -> sqlite3.Connection:
        """Keep working without a file: this session's progress is kept in memory only."""
        self.saving = False
        self._last_try = time.monotonic()
        self._notice("not_saved", N_("Progress is not being saved: {reason}. It is kept in memory for now; "
                                     "saving will be tried again as you go."), reason=reason)
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        if copy_from is not None and copy_from.exists():
            try:  # show what was saved before, if we can at least read it
                source = sqlite3.connect(f"file:{copy_from}?mode=ro", uri=True)
                try:
                    source.backup(conn)
                finally:
                    source.close()
            except sqlite3.Error:
                pass
        try:
            self._transaction(conn, self._create)
            self._check_columns(conn)
        except sqlite3.Error:  # a copy we cannot extend: start empty
            conn.close()
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            self._transaction(conn, self._create)
        return conn

    # --- writing ---------------------------------------------------------------
    @staticmethod
    def _transaction(conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], Any]) -> Any:
        """One write transaction, retried while another process holds the lock."""
        for attempt in range(RETRIES):
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if _locked(exc) and attempt < RETRIES - 1:
                    time.sleep(0.05 * 2 ** attempt)
                    continue
                raise
            try:
                result = work(conn)
                conn.execute("COMMIT")
                return result
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError) and _locked(exc) and attempt < RETRIES - 1:
                    time.sleep(0.05 * 2 ** attempt)
                    continue
                raise

    def _write(self, work: Callable[[sqlite3.Connection], Any]) -> None:
        with self._lock:
            if not self.saving:
                self._transaction(self._conn, work)
                self._pending.append(work)
                self._retry()
                return
            try:
                self._transaction(self._conn, work)
                return
            except sqlite3.Error as exc:
                failure = exc
            # The disk refused (full, removed, read-only now): keep this session
            # in memory, with what was saved so far, so no answer is dropped.
            old = self._conn
            self._conn = self._memory(f"writing {self.path} failed: {failure}", copy_from=self.path)
            try:
                old.close()
            except sqlite3.Error:
                pass
            self._transaction(self._conn, work)
            self._pending.append(work)

    def _retry(self) -> None:
        """Try the file again (at most every `retry_every` s); on success write what was kept."""
        if time.monotonic() - self._last_try < self.retry_every:
            return
        self._last_try = time.monotonic()
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._prepare_file()
            conn = self._connect_file()
        except (OSError, sqlite3.Error):
            return
        pending = list(self._pending)
        try:
            self._transaction(conn, lambda c: [work(c) for work in pending])
        except sqlite3.Error:
            conn.close()
            return
        old, self._conn = self._conn, conn
        old.close()
        self._pending.clear()
        self.saving = True
        self._notice("saving_again", N_("Saving works again: {n} change(s) kept in memory were written to {path}."),
                     n=len(pending), path=str(self.path))

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    # --- the API (docs/ARCHITECTURE.md) -------------------------------------------
    def page_seen(self, student: str, lesson: str, page: int) -> None:
        """Page `page` (0-based) of `lesson` was shown; it is also the last position."""
        now = time.time()

        def work(c: sqlite3.Connection) -> None:
            c.execute("INSERT INTO pages VALUES (?, ?, ?, ?, ?) ON CONFLICT (student, lesson, page) "
                      "DO UPDATE SET last_seen = excluded.last_seen", (student, lesson, int(page), now, now))
            c.execute("INSERT OR REPLACE INTO position VALUES (?, ?, ?, ?)", (student, lesson, int(page), now))
        self._write(work)

    def record_answer(self, student: str, lesson: str, question: str, raw: str, verdict: str,
                      correct: bool) -> None:
        """Every answer typed, as typed (at most MAX_ANSWER characters), with the verdict shown."""
        raw = str(raw)
        if len(raw) > MAX_ANSWER:   # the quiz refuses these; a caller that does not is cut here
            raw = raw[:MAX_ANSWER - 1] + "…"
        row = (student, lesson, question, raw, str(verdict), int(bool(correct)), time.time())
        self._write(lambda c: c.execute(
            "INSERT INTO answers (student, lesson, question, raw, verdict, correct, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", row))

    def quiz_score(self, student: str, lesson: str, score: float, total: int) -> None:
        """A finished quiz: always the last score; the best one if it beats the old best."""
        now = time.time()
        ratio = score / total if total else 0.0

        def work(c: sqlite3.Connection) -> None:
            old = c.execute("SELECT best_score, best_total FROM scores WHERE student = ? AND lesson = ?",
                            (student, lesson)).fetchone()
            if old is None:
                c.execute("INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          (student, lesson, score, total, now, score, total, now))
                return
            best_ratio = old[0] / old[1] if old[1] else 0.0
            if ratio > best_ratio:
                c.execute("UPDATE scores SET best_score = ?, best_total = ?, best_at = ? "
                          "WHERE student = ? AND lesson = ?", (score, total, now, student, lesson))
            c.execute("UPDATE scores SET last_score = ?, last_total = ?, last_at = ? "
                      "WHERE student = ? AND lesson = ?", (score, total, now, student, lesson))
        self._write(work)

    def lab_opened(self, student: str, lab: str) -> None:
        now = time.time()
        self._write(lambda c: c.execute(
            "INSERT INTO labs VALUES (?, ?, 1, ?, ?) ON CONFLICT (student, lab) "
            "DO UPDATE SET times = times + 1, last_opened = excluded.last_opened", (student, lab, now, now)))

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
            item["answers"], item["correct"] = n, int(right or 0)
            touch(item, at)
        for lesson, bs, bt, ls, lt, at in self._read(
                "SELECT lesson, best_score, best_total, last_score, last_total, last_at FROM scores "
                "WHERE student = ?", (student,)):
            item = entry(lesson)
            item["best"], item["last"] = (_num(bs), bt), (_num(ls), lt)
            touch(item, at)
        return status

    def students(self) -> list[str]:
        rows = self._read("SELECT student FROM pages UNION SELECT student FROM answers "
                          "UNION SELECT student FROM scores UNION SELECT student FROM labs ORDER BY 1")
        return [r[0] for r in rows]

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

    def exercise_checked(self, student: str, exercise: str, status: str) -> None:
        """One check of an exercise (`dltutor exercises check`): its status now, one more attempt,
        and when it first passed."""
        now = time.time()
        passed = now if status == "passed" else None
        self._write(lambda c: c.execute(
            "INSERT INTO exercises VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (student, exercise) DO UPDATE SET "
            "status = excluded.status, attempts = attempts + 1, last_at = excluded.last_at, "
            "passed_at = COALESCE(passed_at, excluded.passed_at)", (student, exercise, status, now, now, passed)))

    def exercise_status(self, student: str) -> dict[str, dict]:
        """{exercise: {status, attempts, last_at, passed_at}} for one student."""
        return {name: dict(status=status, attempts=attempts, last_at=last, passed_at=passed)
                for name, status, attempts, last, passed in self._read(
                    "SELECT exercise, status, attempts, last_at, passed_at FROM exercises WHERE student = ?",
                    (student,))}

    def reset(self, student: str) -> None:
        """Forget everything about `student` (the progress screen's reset, after a confirmation)."""
        def work(c: sqlite3.Connection) -> None:
            for table in ("pages", "answers", "scores", "labs", "position", "exercises"):
                c.execute(f"DELETE FROM {table} WHERE student = ?", (student,))
        self._write(work)

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _num(x: float) -> float | int:
    """3.0 -> 3 so scores read as whole numbers when they are."""
    return int(x) if float(x).is_integer() else x
