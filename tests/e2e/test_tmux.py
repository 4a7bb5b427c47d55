"""The installed `dltutor` in a real terminal (tmux, 100×30): start, open a
lesson, turn a page, quit — and never a traceback on the screen."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def dltutor() -> str | None:
    beside = Path(sys.executable).with_name("dltutor")
    return str(beside) if beside.exists() else shutil.which("dltutor")


class Terminal:
    def __init__(self, command: list[str], env: dict[str, str], conf: Path) -> None:
        self.socket = f"dltutor-test-{uuid.uuid4().hex[:8]}"
        self.name = "t"
        self.env = env
        # Our own config: no user settings, and a crashed app leaves its output to read.
        conf.write_text("set -g remain-on-exit on\n")
        self.conf = str(conf)
        self._tmux("new-session", "-d", "-s", self.name, "-x", "100", "-y", "30",
                   "env", *[f"{k}={v}" for k, v in env.items()], *command)

    def _tmux(self, *args: str) -> str:
        out = subprocess.run([TMUX, "-L", self.socket, "-f", self.conf, *args], capture_output=True, text=True,
                             timeout=20, env={**os.environ, "TMUX": ""})
        return out.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """Poll the pane until `text` shows (a limit for a hung app, not a timing test)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def alive(self) -> bool:
        out = subprocess.run([TMUX, "-L", self.socket, "has-session", "-t", self.name],
                             capture_output=True, env={**os.environ, "TMUX": ""})
        return out.returncode == 0

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True)


def test_start_open_page_quit(tmp_path):
    exe = dltutor()
    if exe is None:
        pytest.skip("the dltutor console script is not installed")
    env = {"HOME": str(tmp_path), "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "DLTUTOR_DATA_DIR": str(tmp_path / "data"), "PATH": os.environ.get("PATH", "")}
    term = Terminal([exe, "--lang", "en"], env, tmp_path / "tmux.conf")
    try:
        home = term.wait_for("Lessons")
        assert "Traceback" not in home
        term.keys("Enter")
        lesson = term.wait_for("page 1/")
        assert "Traceback" not in lesson
        term.keys("Right")
        paged = term.wait_for("page 2/")
        assert "Traceback" not in paged
        term.keys("q")
        term.wait_for("Lessons")
        term.keys("q")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            dead = term._tmux("display-message", "-p", "-t", term.name, "#{pane_dead}").strip()
            if dead == "1" or not term.alive():
                break
            time.sleep(0.2)
        final = term.screen() if term.alive() else ""
        assert dead == "1" or not term.alive(), f"dltutor did not quit:\n{final}"
        assert "Traceback" not in final
        status = term._tmux("display-message", "-p", "-t", term.name, "#{pane_dead_status}").strip()
        assert status in ("", "0"), f"exit status {status}:\n{final}"
    finally:
        term.close()
