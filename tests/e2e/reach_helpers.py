"""The installed `dltutor` in tmux for the "what students reach for" tests: one terminal per
test, keys sent one at a time with a pause between them, as a person types."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from test_tmux import Terminal, dltutor

PAUSE = 0.3


class Student(Terminal):
    def press(self, *keys: str) -> None:
        """Each key on its own, PAUSE apart (tmux key names: Right, Enter, C-p …)."""
        for key in keys:
            self.keys(key)
            time.sleep(PAUSE)

    def type(self, text: str) -> None:
        for char in text:
            self._tmux("send-keys", "-t", self.name, "-l", "--", char)
            time.sleep(PAUSE)

    def gone(self, text: str, timeout: float = 15.0) -> str:
        """Poll until `text` is no longer on screen (a limit for a hung app)."""
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while time.monotonic() < deadline and text in screen:
            time.sleep(0.2)
            screen = self.screen()
        assert text not in screen, f"{text!r} stayed; the screen was:\n{screen}"
        return screen


def start(tmp_path: Path, *args: str, lang: str = "en") -> Student:
    exe = dltutor()
    if exe is None:
        pytest.skip("the dltutor console script is not installed")
    env = {"HOME": str(tmp_path), "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "DLTUTOR_DATA_DIR": str(tmp_path / "data"), "PATH": os.environ.get("PATH", "")}
    return Student([exe, "--lang", lang, "--student", "ada", *args], env, tmp_path / "tmux.conf")


def lesson(lang: str, lesson_id: str):
    from tutor.content import load_lessons

    lessons, _ = load_lessons(lang)
    return next(item for item in lessons if item.id == lesson_id), lessons
