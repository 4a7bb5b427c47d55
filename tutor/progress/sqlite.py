"""Progress in one SQLite file: the default, one server's classroom.

One file in the platform's user data directory (or `--data-dir`,
$DLTUTOR_DATA_DIR, `--db sqlite:///PATH`).  Many students may share one file
on a classroom server, so: WAL mode, a 10 s busy timeout, and every write in
its own `BEGIN IMMEDIATE` transaction, retried a few times if the file is
locked.

A damaged database is moved aside and a fresh one started; a location we
cannot write gives a store that keeps working in memory (`saving` is False)
and tries the file again on later writes (at most every `retry_every`
seconds), writing what it kept once the file works again.

Permissions: progress.db holds every answer, so it is created 0600 in a folder
of 0700 — unless the folder is shared on purpose (setgid or group-writable, the
school-OpenSSH route of docs/classroom.md), where it is 0660 so every student
of the group can write.  SQLite gives the -wal and -shm files the database's
own mode (it chmods them, whatever the umask).
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from tutor.progress import RETRIES, RETRY_EVERY, Notice, Store, default_path, shared_folder
from tutor.progress.ops import Write, text
from tutor.progress.schema import COLUMNS, NewerSchema, as_version, migrate


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (so we never move aside a fresh one another process made)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (flock), so no lock file is left behind.
    Where flock is missing (Windows) the move goes unlocked: one user, one process."""
    try:
        import fcntl
        fd = os.open(folder, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _corrupt(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(s in text for s in ("not a database", "malformed", "corrupt", "file is encrypted"))


def _locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _version(conn: sqlite3.Connection) -> int | None:
    """meta.schema, or None for a file without our tables (a new one)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone():
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return as_version(row[0]) if row else 1


def _upgrade(conn: sqlite3.Connection) -> None:
    migrate(conn, "sqlite", _version(conn))


class SQLiteStore(Store):
    """Progress of every student in one SQLite file (see the module docstring)."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        if isinstance(path, str) and path.strip().lower().startswith("sqlite:"):
            from tutor.progress.location import resolve

            path = resolve(path)
        self.path = Path(path) if path is not None else default_path()
        self.where = str(self.path)
        self.saving = True
        self.notices: list[Notice] = []
        # Called with each new Notice as it happens (the app shows it at once);
        # may be called from any thread that writes.
        self.on_notice: Callable[[Notice], Any] | None = None
        self.retry_every = RETRY_EVERY
        self._pending: list[Write] = []      # writes the file has not got
        self._last_try = 0.0                 # time.monotonic() of the last failed try of the file
        self._lock = threading.RLock()
        self._conn = self._open()

    # --- opening ---------------------------------------------------------------
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
            except NewerSchema as exc:      # never moved aside: a newer dltutor's file is fine
                return self._memory(f"cannot write {self.path}: {exc}", copy_from=self.path)
            except sqlite3.DatabaseError as exc:
                if _corrupt(exc):
                    if self._move_aside(seen) is False:
                        return self._memory(f"{self.path} is damaged and cannot be moved aside")
                    continue  # moved, or another process already replaced it: try the file now there
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
            self._transaction(conn, _upgrade)
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

    def _move_aside(self, seen: tuple[int, int] | None) -> bool | None:
        """Move the damaged file `seen` aside: True if moved, None if it is no longer
        there (another process moved it), False if it cannot be moved.

        Every process of a class may meet the same damaged file at once.  One at a
        time (a lock on the folder), each checks that the file is still the damaged
        one before moving it, so none moves aside the fresh file another has
        started writing.  Its -wal and -shm go first: while the damaged file is in
        place no fresh database can own them."""
        with _folder_lock(self.path.parent):
            if seen is None or _identity(self.path) != seen:
                return None
            stamp = time.strftime("%Y%m%d-%H%M%S")
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            n = 1
            while target.exists():
                n += 1
                target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            for suffix in ("-wal", "-shm"):  # stale journal files belong to the damaged copy
                extra = self.path.with_name(self.path.name + suffix)
                try:
                    if extra.exists():
                        extra.rename(target.with_name(target.name + suffix))
                except OSError:
                    pass
            try:
                self.path.rename(target)
            except OSError:
                return False
        self._notice("moved_aside", path=str(target))
        return True

    def _memory(self, reason: str, copy_from: Path | None = None) -> sqlite3.Connection:
        """Keep working without a file: this session's progress is kept in memory only."""
        self.saving = False
        self._last_try = time.monotonic()
        self._notice("not_saved", reason=reason)
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
            self._transaction(conn, _upgrade_copy)
            self._check_columns(conn)
        except sqlite3.Error:  # a copy we cannot extend: start empty
            conn.close()
            conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            self._transaction(conn, _upgrade)
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

    def _write(self, write: Write) -> None:
        with self._lock:
            if not self.saving:
                self._transaction(self._conn, write.apply)
                self._pending.append(write)
                self._retry()
                return
            try:
                self._transaction(self._conn, write.apply)
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
            self._transaction(self._conn, write.apply)
            self._pending.append(write)

    def _retry(self) -> None:
        """Try the file again (at most every `retry_every` s); on success write what was kept."""
        if time.monotonic() - self._last_try < self.retry_every:
            return
        self._last_try = time.monotonic()
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._prepare_file()
            conn = self._connect_file()
        except (OSError, sqlite3.Error, NewerSchema):
            return
        pending = list(self._pending)
        try:
            self._transaction(conn, lambda c: [write.apply(c) for write in pending])
        except sqlite3.Error:
            conn.close()
            return
        old, self._conn = self._conn, conn
        old.close()
        self._pending.clear()
        self.saving = True
        self._notice("saving_again", n=len(pending), path=str(self.path))

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, tuple(text(a) for a in args)).fetchall()

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass


def _upgrade_copy(conn: sqlite3.Connection) -> None:
    """A memory copy of a file: brought up to date, unless a newer dltutor wrote it (then used as it is)."""
    try:
        _upgrade(conn)
    except NewerSchema:
        pass
