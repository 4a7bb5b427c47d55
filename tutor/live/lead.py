"""The teacher's side: hold the class, publish where the teacher is, read the answers.

    lead = Lead(where, "Ms Lin", token)     # raises Busy if another teacher has the class
    lead.start()
    lead.set(state)                         # from the UI thread: cheap, the latest wins
    lead.watch_answers(ask_id)              # on_answers(list of (student, Answer, at)) every EVERY s
    lead.stop()                             # publishes "stopped": students see the teacher has gone

One thread writes: a new state as soon as it is set (several set in a burst
are one write: the latest), a beat every BEAT seconds, and reads the answers
to the question asked.  A write that fails (the database away) is kept and
tried again; `on_trouble(reason or "")` tells the UI when that starts and
ends.  A lost class (another teacher took it after ours went stale) is
reported once with `on_trouble` and the thread stops writing.
"""
from __future__ import annotations

import logging
import secrets
import threading
import time
from pathlib import Path
from typing import Callable

from tutor.live.connect import open_link
from tutor.live.link import Link
from tutor.live.state import Answer, State, decode_answer, encode
from tutor.live.watch import EVERY, RECONNECT

log = logging.getLogger("dltutor.live")

BEAT = 2.0            # seconds between beats (STALE in link.py is several of them)


def new_token() -> str:
    return secrets.token_hex(8)


class Lost(Exception):
    """Another teacher has taken the class over."""


class Lead:
    def __init__(self, where: str | Path, teacher: str, state: State, *, token: str | None = None,
                 on_answers: Callable[[list[tuple[str, Answer, float]]], None] | None = None,
                 on_trouble: Callable[[str], None] | None = None, beat: float = BEAT) -> None:
        """Claim the class now (raises Busy, or the database's error); the thread starts with start()."""
        self.where, self.teacher = where, teacher
        self.token = token or new_token()
        self.on_answers, self.on_trouble = on_answers, on_trouble
        self.beat_every = beat
        self._link: Link | None = open_link(where)
        try:
            self._link.claim(teacher, self.token, encode(state))
        except BaseException:
            self._link.close()
            raise
        self._published = state
        self._state: State | None = None      # set, not yet written
        self._last_place: State | None = None   # the last state set on a lesson or lab (the goodbye's place)
        self._ask: str | None = None
        self._answers_seen: int | None = None
        self._last_beat = time.monotonic()
        self._trouble = ""
        self._lost = False
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="dltutor-live-lead", daemon=True)

    def start(self) -> "Lead":
        self._thread.start()
        return self

    def set(self, state: State) -> None:
        with self._lock:
            self._state = state
            if state.where.lesson or state.where.lab:
                self._last_place = state
        self._wake.set()

    def watch_answers(self, ask: str | None) -> None:
        with self._lock:
            self._ask, self._answers_seen = ask, None
        self._wake.set()

    def stop(self, timeout: float = 3.0) -> None:
        """Say goodbye to the class (a state with stopped set), then close."""
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        else:
            self._goodbye()
            self._close()

    # --- the thread --------------------------------------------------------------------
    def _run(self) -> None:
        try:
            while not self._stopping.is_set() and not self._lost:
                self._wake.wait(EVERY)
                self._wake.clear()
                if self._stopping.is_set():
                    break
                try:
                    self._once()
                    self._trouble_is("")
                except Lost:
                    self._lost = True
                    self._trouble_is("lost")
                except Exception as exc:
                    self._trouble_is(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
                    self._reopen()
            self._goodbye()
        finally:
            self._close()

    def _once(self) -> None:
        link = self._link
        if link is None:
            raise ConnectionError("no connection to the class's database")
        with self._lock:
            state, self._state = self._state, None
            ask = self._ask
        if state is not None:
            try:
                if not link.publish(self.token, encode(state)):
                    raise Lost
            except Lost:
                raise
            except Exception:
                with self._lock:           # keep it for the next try unless a newer one came
                    if self._state is None:
                        self._state = state
                raise
            self._published = state
            self._last_beat = time.monotonic()
        elif time.monotonic() - self._last_beat >= self.beat_every:
            if not link.beat(self.token):
                raise Lost
            self._last_beat = time.monotonic()
        if ask is not None and self.on_answers is not None:
            rows = link.answers(ask)
            with self._lock:
                if ask != self._ask or len(rows) == self._answers_seen:
                    return
                self._answers_seen = len(rows)
            answers = [(student, a, at) for student, text, at in rows if (a := decode_answer(text)) is not None]
            self.on_answers(answers)

    def _reopen(self) -> None:
        if self._link is not None:
            self._link.close()
            self._link = None
        if self._stopping.wait(RECONNECT):
            return
        try:
            self._link = open_link(self.where)
        except Exception as exc:
            log.info("live: cannot open %s: %s", self.where, exc)

    def _trouble_is(self, reason: str) -> None:
        if reason != self._trouble:
            self._trouble = reason
            if self.on_trouble is not None:
                try:
                    self.on_trouble(reason)
                except Exception:
                    pass

    def _goodbye(self) -> None:
        if self._lost or self._link is None:
            return
        from dataclasses import replace

        last = self._state or self._published
        if not (last.where.lesson or last.where.lab) and self._last_place is not None:
            # The teacher went to the home screen on the way out: the class stays where the
            # teacher last taught (a student who missed that page is moved there by the goodbye).
            last = self._last_place
        try:
            self._link.publish(self.token, encode(replace(last, ask=None, stopped=True)))
        except Exception as exc:      # the students notice the missing beat instead
            log.info("live: could not say goodbye: %s", exc)

    def _close(self) -> None:
        if self._link is not None:
            self._link.close()
            self._link = None
