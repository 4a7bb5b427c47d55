"""A student's side: a thread that watches the class's `live` row and says what changed.

Every EVERY seconds (or at once when PostgreSQL notifies) it reads one row.
It calls `on_event` from its own thread with:

- `Teaching(state, fresh)` when a teacher's state is new (another serial or
  another teacher); `fresh` is True for the first state of a teaching;
- `Stopped()` when the teacher it saw stops, or stops beating for STALE seconds
  (a teacher whose connection died cannot say goodbye).

Whether a teacher is alive is judged by this process's own clock — the beat
it read changed within STALE seconds — so servers whose clocks disagree still
agree.  A student's answers to an asked question go out on the same thread
(`send_answer`: queued, never waiting on the UI).  A database that fails is
tried again every few seconds; nothing is raised to the caller.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from tutor.live.connect import open_link
from tutor.live.link import STALE, Link
from tutor.live.state import Answer, State, decode, encode_answer

log = logging.getLogger("dltutor.live")
log.addHandler(logging.NullHandler())

EVERY = 0.5          # seconds between looks at the row
RECONNECT = 3.0      # seconds between tries of a database that failed


@dataclass(frozen=True)
class Teaching:
    state: State
    fresh: bool


@dataclass(frozen=True)
class Stopped:
    pass


class Watcher:
    """Watch the class at `where` (a SQLite path or a postgresql:// URL) for `student`."""

    def __init__(self, where: str | Path, student: str, on_event: Callable[[object], None],
                 every: float = EVERY, stale: float = STALE) -> None:
        self.where, self.student, self.on_event = where, student, on_event
        self.every, self.stale = every, stale
        self._stop = threading.Event()
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._link: Link | None = None
        self._seen: tuple[str, int] | None = None      # (token, serial) last reported
        self._beat: float | None = None                 # the beat last read
        self._beat_changed = 0.0                        # when (monotonic) it last changed
        self.live = False                               # a teacher is teaching now (as last reported)
        self._thread = threading.Thread(target=self._run, name="dltutor-live-watch", daemon=True)

    def start(self) -> "Watcher":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def send_answer(self, ask: str, answer: Answer, student: str | None = None) -> None:
        """`student`: the name now (a browser tab says its name after the app started)."""
        self._outbox.put((ask, student or self.student, encode_answer(answer)))

    # --- the thread --------------------------------------------------------------------
    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                if self._link is None and not self._connect():
                    self._stop.wait(RECONNECT)
                    continue
                try:
                    self._send()
                    self._look(self._link.read())
                    self._link.wait(self.every, self._stop)
                except Exception as exc:      # the database went away: try again later
                    log.info("live: %s", exc)
                    self._drop()
                    self._stop.wait(RECONNECT)
        finally:
            self._drop()

    def _connect(self) -> bool:
        try:
            self._link = open_link(self.where)
            return True
        except Exception as exc:
            log.info("live: cannot open %s: %s", self.where, exc)
            return False

    def _drop(self) -> None:
        if self._link is not None:
            self._link.close()
            self._link = None

    def _send(self) -> None:
        while True:
            try:
                ask, student, text = self._outbox.get_nowait()
            except queue.Empty:
                return
            try:
                self._link.answer(ask, student, text)
            except Exception:
                self._outbox.put((ask, student, text))   # after the reconnection
                raise

    def _look(self, row) -> None:
        now = time.monotonic()
        state = decode(row.state) if row is not None else None
        if row is None or state is None:
            alive = False
        else:
            if row.beat != self._beat:
                first = self._beat is None
                self._beat = row.beat
                # The first look judges by the wall clock; later ones by whether the beat moves.
                self._beat_changed = now - (max(0.0, time.time() - row.beat) if first else 0.0)
            alive = not state.stopped and now - self._beat_changed < self.stale
        if alive:
            key = (row.token, row.serial)
            if key != self._seen:
                fresh = not self.live or self._seen is None or self._seen[0] != row.token
                self._seen, self.live = key, True
                self._emit(Teaching(state, fresh))
        elif self.live:
            self.live = False
            if state is not None and state.stopped and self._seen is not None and row.token == self._seen[0] \
                    and row.serial != self._seen[1]:
                # The teacher's last move and the goodbye both came within one look: the class
                # goes where the teacher last was first (the goodbye carries it), then stays.
                self._seen = (row.token, row.serial)
                self._emit(Teaching(replace(state, stopped=False), fresh=False))
            self._emit(Stopped())

    def _emit(self, event: object) -> None:
        try:
            self.on_event(event)
        except Exception:        # the app closing: nothing to tell
            pass
