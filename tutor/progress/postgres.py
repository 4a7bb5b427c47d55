"""Progress in PostgreSQL: many servers, one class (`--db postgresql://…`, psycopg 3).

Each store (one student's session, or a teacher's dashboard) holds one
connection.  Opening one takes an advisory lock and migrates the tables
(schema.py) in one transaction, so servers starting together do not race.

When the database goes away (restarted, network cut), nothing is lost and
nothing waits long: the write that failed and every later one are kept in
memory, in order (`saving` is False, a Notice says so), and on disk in the
data folder (journal.py: quitting or being cut off loses nothing; the next
store to connect writes them); a thread tries the
database again every `retry_every` seconds and, once it answers, writes what
was kept in one transaction and says so.  Writes are idempotent (ops.py), so
one whose COMMIT was cut off may be sent again.  Meanwhile a read returns the
last answer the database gave to the same question, or raises Unavailable.
Connecting gives up after CONNECT_TIMEOUT seconds and TCP keepalives notice a
dead peer, so a key press never hangs on a cut cable.

Live teaching (issue 17, part 1) plugs in at `_commit`: a write and its
`NOTIFY dltutor, '<write as JSON>'` can commit in the same transaction, and a
listener holds a connection of its own (`LISTEN dltutor`); see CHANNEL.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Callable

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from tutor.progress import RETRY_EVERY, Notice, Store, Unavailable, log
from tutor.progress.journal import Journal, database_key
from tutor.progress.location import shown
from tutor.progress.ops import Write, text
from tutor.progress.schema import COLUMNS, NewerSchema, as_version, migrate

CHANNEL = "dltutor"            # the NOTIFY channel live teaching will use
CONNECT_TIMEOUT = 5            # seconds
# libpq settings we choose unless the URL does: a dead server or cable is noticed in seconds
DEFAULTS = {"connect_timeout": str(CONNECT_TIMEOUT), "application_name": "dltutor", "keepalives": "1",
            "keepalives_idle": "10", "keepalives_interval": "5", "keepalives_count": "3",
            "tcp_user_timeout": "5000"}
SCHEMA_LOCK = 0x646C7475746F72  # "dltutor": serialises migrations of servers starting at once
# psycopg logs some connection trouble itself; the store says it as a Notice, and nothing may
# print over a student's screen (logging's last resort would write to stderr: the terminal).
logging.getLogger("psycopg").addHandler(logging.NullHandler())


class ForeignTables(Exception):
    """The database has a table of ours by name whose columns are not ours."""


class _Tx:
    """`execute(sql, args)` with ? placeholders, as ops.py and schema.py write them."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, args: tuple = ()) -> psycopg.Cursor:
        return self.conn.execute(sql.replace("?", "%s"), tuple(text(a) for a in args))


def connect(url: str) -> psycopg.Connection:
    """A connection with our defaults, the tables migrated and checked."""
    params = conninfo_to_dict(url)
    for key, value in DEFAULTS.items():
        params.setdefault(key, value)
    conn = psycopg.connect(make_conninfo(**params), autocommit=True)
    try:
        with conn.transaction():
            tx = _Tx(conn)
            tx.execute("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))
            tx.execute("SET LOCAL client_min_messages = warning")     # not "relation exists, skipping"
            found = None
            if tx.execute("SELECT to_regclass('meta')").fetchone()[0] is not None:
                row = tx.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                found = as_version(row[0]) if row else 1
            migrate(tx, "postgres", found)
            _check_columns(tx)
    except BaseException:
        conn.close()
        raise
    return conn


def _check_columns(tx: _Tx) -> None:
    have: dict[str, list[str]] = {}
    for table, column in tx.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "ORDER BY table_name, ordinal_position").fetchall():
        have.setdefault(table, []).append(column)
    for table, columns in COLUMNS.items():
        if tuple(have.get(table, ())) != columns:
            raise ForeignTables(f"its table {table} is not dltutor's: give dltutor a database of its own")


class PostgresStore(Store):
    """Progress of every student in one PostgreSQL database (see the module docstring)."""

    def __init__(self, url: str | None = None, journal: str | os.PathLike | None = None) -> None:
        """`journal`: the data folder, where writes kept during an outage also go (None: memory only)."""
        if url is None:
            from tutor.progress.location import resolve

            url = str(resolve(None))
        self.url = url.strip()
        self.where = shown(self.url)
        self.saving = True
        self.notices: list[Notice] = []
        self.on_notice: Callable[[Notice], Any] | None = None    # called from any thread
        self.retry_every = RETRY_EVERY
        self.reason = ""                         # why the database is not written now
        self._pending: list[Write] = []          # writes the database has not got, oldest first
        self._answers: dict[tuple, list[tuple]] = {}   # the last answer to each read, for an outage
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._retrier: threading.Thread | None = None
        self._closed = False
        self._conn: psycopg.Connection | None = None
        self._journal = Journal(Path(journal), database_key(conninfo_to_dict(self.url))) if journal else None
        try:
            conn = connect(self.url)
        except (psycopg.Error, NewerSchema, ForeignTables) as exc:
            self._lost(f"cannot use {self.where}: {_one_line(exc)}")
        else:
            with self._lock:
                self._adopt(conn)

    def _adopt(self, conn: psycopg.Connection) -> None:
        """A working connection: write what ended processes left on disk for this database."""
        self._conn = conn
        if self._journal is None:
            return
        for claimed, writes in self._journal.left_behind():
            try:
                self._commit(conn, writes)
            except psycopg.Error as exc:
                self._journal.give_back(claimed)
                log.warning("could not write %d change(s) left in %s: %s", len(writes), claimed, exc)
                return
            claimed.unlink(missing_ok=True)
            log.info("wrote %d change(s) an ended session left in %s", len(writes), claimed)

    def _keep(self, write: Write) -> None:
        self._pending.append(write)             # in order, after the ones already kept
        if self._journal is not None:
            self._journal.keep(write)

    # --- the connection comes and goes ----------------------------------------------
    def _lost(self, reason: str) -> None:
        """The database cannot be written: keep writes in memory, say so, try again in the background."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except psycopg.Error:
                pass
        self.reason = reason
        if self.saving:
            self.saving = False
            self._notice("not_saved", reason=reason)
        if self._retrier is None or not self._retrier.is_alive():
            self._wake.clear()
            self._retrier = threading.Thread(target=self._retry_loop, name="dltutor-progress-retry", daemon=True)
            self._retrier.start()

    def _retry_loop(self) -> None:
        while not self._closed:
            self._wake.wait(self.retry_every)
            self._wake.clear()
            if self._closed or self._conn is not None or self._try_again():
                return

    def _try_again(self) -> bool:
        """Connect and write what was kept, in one transaction; True if the database has it all.
        Connecting holds no lock: meanwhile the student's writes go on being kept, never waiting."""
        try:
            conn = connect(self.url)
        except (psycopg.Error, NewerSchema, ForeignTables) as exc:
            with self._lock:
                self.reason = f"cannot use {self.where}: {_one_line(exc)}"
            return False
        with self._lock:
            if self._conn is not None or self._closed:     # another thread got there first
                conn.close()
                return self._conn is not None and not self._pending
            pending = list(self._pending)
            try:
                self._commit(conn, pending)
            except psycopg.Error as exc:
                self.reason = f"writing to {self.where} failed: {_one_line(exc)}"
                conn.close()
                return False
            del self._pending[:len(pending)]
            if self._journal is not None:
                self._journal.done()
            self.saving, self.reason = True, ""
            self._adopt(conn)
            if pending:
                self._notice("saving_again", n=len(pending), path=self.where)
            return True

    @staticmethod
    def _commit(conn: psycopg.Connection, writes: list[Write]) -> None:
        """The writes in one transaction.  (Live teaching's NOTIFY joins them here.)"""
        with conn.transaction():
            tx = _Tx(conn)
            for write in writes:
                write.apply(tx)

    # --- the store's two operations ------------------------------------------------------
    def _write(self, write: Write) -> None:
        with self._lock:
            if self._conn is None:
                self._keep(write)
                return
            try:
                self._commit(self._conn, [write])
            except psycopg.Error as exc:
                self._keep(write)
                self._lost(f"writing to {self.where} failed: {_one_line(exc)}")

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        key = (sql, args)
        with self._lock:
            if self._conn is not None:
                try:
                    rows = _Tx(self._conn).execute(sql, args).fetchall()
                    self._answers[key] = rows
                    return rows
                except psycopg.Error as exc:
                    self._lost(f"reading {self.where} failed: {_one_line(exc)}")
            if key in self._answers:
                return self._answers[key]
            raise Unavailable(self.reason)

    def flush(self, timeout: float = 0.0) -> bool:
        """Try the database now (and for up to `timeout` s); True when nothing is kept in memory."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if self._conn is not None and not self._pending:
                    return True
            if self._try_again():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(min(0.5, self.retry_every))

    def close(self) -> None:
        if self._pending:
            self.flush()                # one last try; what still fails stays in the journal for the next store
        with self._lock:
            self._closed = True
            self._wake.set()
            if self._conn is not None:
                try:
                    self._conn.close()
                except psycopg.Error:
                    pass
                self._conn = None


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
