"""Who may log in to `dltutor serve ssh`, how fast a wrong password is answered, and
how many connections one address may hold.

- `Failures`: failed logins per address; each one doubles the wait before that
  address's next try (0.5 s, 1 s, 2 s ... up to 8 s), forgotten after 5 minutes.
- `PasswordFile`: per-student secrets, `name:secret` lines, re-read when it changes.
- `Guard`: the asyncssh server object of one connection: counts it, closes it when
  it runs no session for a while, caps its password tries, logs every failure.
"""
from __future__ import annotations

import asyncio
import hmac
import os
import time
from collections import deque
from pathlib import Path
from typing import Any, Protocol

import asyncssh

from tutor.locale import t
from tutor.serve.names import valid_student


class Room(Protocol):
    """What a Guard needs of the classroom (tutor.serve.ssh.Classroom), without importing it."""

    options: Any
    failures: "Failures"

    def admit(self, address: str) -> str | None: ...
    def release(self, address: str) -> None: ...
    def note(self, student: str | None, address: str, how: str) -> None: ...
    def check_password(self, username: str, password: str) -> bool: ...

MAX_TRIES = 3              # wrong passwords on one connection (the stock client asks 3 times)
FAILURE_MEMORY = 300.0     # seconds a failed login counts against its address
FIRST_DELAY, MAX_DELAY = 0.5, 8.0


class Failures:
    """Recent failed logins per address, bounded in memory."""

    def __init__(self, max_addresses: int = 10_000) -> None:
        self.recent: dict[str, deque[float]] = {}
        self.max_addresses = max_addresses

    def _count(self, address: str, now: float) -> int:
        times = self.recent.get(address)
        while times and now - times[0] > FAILURE_MEMORY:
            times.popleft()
        if times is not None and not times:
            del self.recent[address]
        return len(times or ())

    def delay(self, address: str) -> float:
        n = self._count(address, time.monotonic())
        return 0.0 if n == 0 else min(MAX_DELAY, FIRST_DELAY * 2 ** (n - 1))

    def add(self, address: str) -> None:
        now = time.monotonic()
        if address not in self.recent and len(self.recent) >= self.max_addresses:
            for old in [a for a in self.recent if not self._count(a, now)]:
                self.recent.pop(old, None)
            if len(self.recent) >= self.max_addresses:     # still full: forget the oldest address
                self.recent.pop(next(iter(self.recent)))
        self.recent.setdefault(address, deque(maxlen=16)).append(now)


class PasswordFile:
    """`--auth passwords`: one `name:secret` line per student; `#` comments and blank lines
    are skipped. The file is re-read when it changes, so a teacher can add a student mid-class."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stamp: tuple[int, int, int] | None = None
        self.secrets: dict[str, str] = {}

    @staticmethod
    def parse(text: str) -> dict[str, str]:
        secrets: dict[str, str] = {}
        for number, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, colon, secret = line.partition(":")
            name, secret = name.strip(), secret.strip()
            if not colon or not secret:
                raise ValueError(t("line {number}: expected name:secret", number=number))
            if not valid_student(name):
                raise ValueError(t("line {number}: {name} is not a valid student name", number=number, name=repr(name)))
            if name in secrets:
                raise ValueError(t("line {number}: {name} appears twice", number=number, name=repr(name)))
            secrets[name] = secret
        if not secrets:
            raise ValueError(t("no name:secret lines"))
        return secrets

    def load(self) -> dict[str, str]:
        """Re-read the file if it changed; raises OSError or ValueError when it is unusable."""
        st = os.stat(self.path)
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        if stamp != self.stamp:
            self.secrets = self.parse(self.path.read_text(encoding="utf-8"))
            self.stamp = stamp
        return self.secrets

    def check(self, name: str, password: str) -> bool:
        expected = self.secrets.get(name)
        # Compare against something even for an unknown name: the answer takes as long.
        same = hmac.compare_digest(password.encode(), (expected or "\0" * 16).encode())
        return expected is not None and same


class Guard(asyncssh.SSHServer):
    """One connection: admitted or refused, timed out without a session, password tries capped."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.conn: asyncssh.SSHServerConnection | None = None
        self.address = "?"
        self.counted = False
        self.sessions = 0
        self.tries = 0
        self.timer: asyncio.TimerHandle | None = None

    # --- the connection --------------------------------------------------------------
    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        self.address = str((conn.get_extra_info("peername") or ("?",))[0])
        refusal = self.room.admit(self.address)
        if refusal:
            self.room.note(None, self.address, f"refused: {refusal}")
            conn.abort()
            return
        self.counted = True
        self._arm_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer:
            self.timer.cancel()
        if self.counted:
            self.counted = False
            self.room.release(self.address)

    def _arm_timer(self) -> None:
        if self.timer:
            self.timer.cancel()
        self.timer = asyncio.get_running_loop().call_later(self.room.options.login_timeout, self._no_session)

    def _no_session(self) -> None:
        if self.sessions == 0 and self.conn is not None:
            who = self.conn.get_extra_info("username")
            self.room.note(who, self.address, f"closed: no session within {self.room.options.login_timeout:g} s")
            self.conn.close()

    def session_started(self) -> None:
        self.sessions += 1
        if self.timer:
            self.timer.cancel()

    def session_ended(self) -> None:
        self.sessions -= 1
        if self.sessions == 0 and self.counted:
            self._arm_timer()

    # --- authentication --------------------------------------------------------------
    def begin_auth(self, username: str) -> bool:
        mode = self.room.options.auth
        if mode == "open":
            return False                  # no authentication: a LAN classroom
        if mode == "keys" and valid_student(username):
            path = self.room.options.data_dir / "keys" / f"{username}.pub"
            if path.is_file() and self.conn is not None:
                self.conn.set_authorized_keys(str(path))
        return True

    def password_auth_supported(self) -> bool:
        return self.room.options.auth in ("password", "passwords")

    async def validate_password(self, username: str, password: str) -> bool:
        # Counted before waiting: a client that sends its next guess without waiting for
        # the answer cancels this one (asyncssh does), and it still counts.
        self.tries += 1
        if self.tries > MAX_TRIES:
            return self._too_many(username)
        wait = self.room.failures.delay(self.address)
        if wait:
            await asyncio.sleep(wait)     # before checking, so a cancelled try learns nothing
        if self.room.check_password(username, password):
            return True
        self.room.failures.add(self.address)
        self.room.note(username, self.address, f"login failed: wrong password (try {self.tries} of {MAX_TRIES})")
        if self.tries >= MAX_TRIES:
            self._too_many(username)
        return False

    def _too_many(self, username: str) -> bool:
        if self.conn is not None and not self.conn.is_closed():
            self.room.note(username, self.address, f"disconnected: {MAX_TRIES} wrong passwords")
            conn = self.conn
            # After asyncssh has sent this try's failure: then say why and hang up.
            asyncio.get_running_loop().call_soon(
                conn.disconnect, asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE, t("too many wrong passwords"))
        return False

    def public_key_auth_supported(self) -> bool:
        return self.room.options.auth == "keys"

    # No port forwarding either way; agent and X11 forwarding are off in create_server.
    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int) -> bool:
        return False

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        return False
