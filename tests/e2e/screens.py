"""A tmux pane of any size running the installed `dltutor`, for the e2e tests of issue 18.

Keys go one at a time with a pause, as a person presses them (Pilot's `press` hides
bugs that only show at human speed).
"""
from __future__ import annotations

import os
import subprocess
import time
import uuid
from pathlib import Path

from test_tmux import TMUX, Terminal, dltutor

PAUSE = 0.3


class Screen(Terminal):
    """`dltutor *args` in its own tmux server, `width`×`height`, its own data folder."""

    def __init__(self, tmp: Path, args: list[str], width: int = 80, height: int = 24, *,
                 cwd: Path | None = None) -> None:
        self.socket = f"dltutor-ux-{uuid.uuid4().hex[:8]}"
        self.name = "t"
        conf = tmp / f"tmux-{self.socket}.conf"
        conf.write_text("set -g remain-on-exit on\n")
        self.conf = str(conf)
        self.env = {"HOME": str(tmp), "TERM": "xterm-256color", "LANG": "C.UTF-8",
                    "DLTUTOR_DATA_DIR": str(tmp / "data"), "PATH": os.environ.get("PATH", "")}
        start = ["-c", str(cwd)] if cwd else []
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), *start,
                   "env", *[f"{k}={v}" for k, v in self.env.items()], *args)

    def press(self, *keys: str) -> None:
        """Each key on its own, a person's pause after it."""
        for key in keys:
            self.keys(key)
            time.sleep(PAUSE)

    def type(self, text: str) -> None:
        for ch in text:
            self._tmux("send-keys", "-t", self.name, "-l", "--", ch)
            time.sleep(PAUSE)

    def lines(self) -> list[str]:
        return self.screen().rstrip("\n").split("\n")

    def footer(self) -> str:
        return self.lines()[-1]

    def wait_until(self, test, what: str, timeout: float = 20.0) -> str:
        """Poll until `test(screen)` holds (a limit for a hung app, not a timing test)."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{what} never happened; the screen was:\n{screen}")

    def dead(self) -> bool:
        return self._tmux("display-message", "-p", "-t", self.name, "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True)


def app(tmp: Path, *args: str, width: int = 80, height: int = 24, **kw) -> Screen:
    exe = dltutor()
    if exe is None:
        import pytest

        pytest.skip("the dltutor console script is not installed")
    return Screen(tmp, [exe, *args], width, height, **kw)
