"""The live tables in PostgreSQL: the same SQL as link.py, and LISTEN/NOTIFY.

A published state commits together with `NOTIFY dltutor, 'live'` (the
channel of tutor.progress.postgres), so a student's link, which LISTENs on
its own connection, wakes at once instead of waiting for its next look.
"""
from __future__ import annotations

import contextlib
import threading
from typing import Any, Iterator

import psycopg

from tutor.live.link import Link
from tutor.progress.postgres import CHANNEL, connect

PAYLOAD = "live"


class PgLink(Link):
    errors = (psycopg.Error,)
    _for_update = " FOR UPDATE"

    def __init__(self, url: str) -> None:
        self._conn = connect(url)            # our defaults (timeouts, keepalives), the tables migrated
        self._listening = False

    def _execute(self, sql: str, args: tuple = ()) -> psycopg.Cursor:
        return self._conn.execute(sql.replace("?", "%s"), args)

    @contextlib.contextmanager
    def _tx(self) -> Iterator[Any]:
        with self._conn.transaction():
            yield self._execute

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        return self._execute(sql, args).fetchall()

    def _notify(self, execute: Any) -> None:
        execute("SELECT pg_notify(?, ?)", (CHANNEL, PAYLOAD))

    def wait(self, seconds: float, stop: threading.Event) -> None:
        if not self._listening:
            self._conn.execute(f"LISTEN {CHANNEL}")
            self._listening = True
        if stop.is_set():
            return
        for _ in self._conn.notifies(timeout=seconds, stop_after=1):
            pass             # any notification: look now (the payload carries nothing we need)

    def close(self) -> None:
        try:
            self._conn.close()
        except psycopg.Error:
            pass
