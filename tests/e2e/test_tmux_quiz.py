"""Answering a quiz in a real terminal at typing speed (tmux, 100×30), the installed `dltutor`.

Three students at once, one tmux server: 4.1's number question in English and in Chinese
(with a full-width －, as a Chinese input method types it) and 2.6's order question.  Each
key is sent on its own, 0.3 s apart, while the page (not the answer box) has the focus:
every key must reach the box — the first one used to be lost ('-12' showed '12').  Then
Enter with a wrong answer: both quizzes sit under a long page, and the verdict used to
appear below the fold.
"""
from __future__ import annotations

import os
import re
import subprocess
import time
import unicodedata
import uuid

import pytest
from test_tmux import TMUX, Terminal, dltutor

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

PAUSE = 0.3          # between keys: a person typing, not a paste
# The first and the last line of the feedback to a first wrong answer.
EN = ("Not quite.", "Try again (last try).")
ZH = ("不太对。", "再试一次（最后一次机会）。")


class Pane(Terminal):
    """One session on a shared tmux server (Terminal starts a server of its own)."""

    def __init__(self, socket: str, conf: str, name: str, command: list[str], env: dict[str, str]) -> None:
        self.socket, self.conf, self.name, self.env = socket, conf, name, env
        self._tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30",
                   "env", *[f"{k}={v}" for k, v in env.items()], *command)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", "--", text)

    def field(self) -> str:
        """The text in the answer box on screen ('' when there is none)."""
        for line in self.screen().splitlines():
            match = re.search(r"▊(.*)▎", line)
            if match and not re.search(r"[▔▁]{3}", match.group(1)):
                return match.group(1).strip()
        return ""

    def wait_for_field(self, want: str, timeout: float = 10.0) -> str:
        """Poll until the box shows `want` (NFKC, as the quiz reads it); a limit for a hung app."""
        deadline = time.monotonic() + timeout
        seen = self.field()
        while time.monotonic() < deadline:
            seen = self.field()
            if unicodedata.normalize("NFKC", seen) == want:
                break
            time.sleep(0.2)
        return seen


def wrong_order(student: str) -> str:
    """An answer to 2.6's first question (put the steps in order) that is wrong for this student."""
    from tutor.content import load_lessons
    from tutor.quiz.session import QuizSession

    lessons, _errors = load_lessons("en")
    lesson = next(lesson for lesson in lessons if lesson.id == "backpropagation")
    questions = [q for block in lesson.blocks("quiz") for q in block.questions]
    posed = QuizSession(questions, lesson.id, student=student).posed[0]
    assert posed.kind == "order"
    return next(raw for raw in ("2 3 4 1", "4 3 2 1") if not posed.check(raw).correct)


def pages(lesson_id: str, lang: str) -> int:
    from tutor.content import load_lessons

    return len(next(item for item in load_lessons(lang)[0] if item.id == lesson_id).pages)


def test_every_key_reaches_the_box_and_the_verdict_shows(tmp_path):
    exe = dltutor()
    if exe is None:
        pytest.skip("the dltutor console script is not installed")
    students = [   # session, lesson, language, pages, what the student types, the feedback
        dict(name="number_en", lesson="convolution", lang="en", pages=pages("convolution", "en"), typed="-12", verdict=EN),
        dict(name="order_en", lesson="backpropagation", lang="en", pages=pages("backpropagation", "en"),
             typed=wrong_order("ada"), verdict=EN),
        dict(name="number_zh", lesson="convolution", lang="zh", pages=pages("convolution", "zh"), typed="－12", verdict=ZH),
    ]
    socket = f"dltutor-quiz-{uuid.uuid4().hex[:8]}"
    conf = tmp_path / "tmux.conf"
    conf.write_text("set -g remain-on-exit on\n")
    try:
        for s in students:
            env = {"HOME": str(tmp_path), "TERM": "xterm-256color", "LANG": "C.UTF-8",
                   "DLTUTOR_DATA_DIR": str(tmp_path / s["name"]), "PATH": os.environ.get("PATH", "")}
            command = [exe, "open", s["lesson"], "--lang", s["lang"], "--student", "ada"]
            s["pane"] = Pane(socket, str(conf), s["name"], command, env)

        def page(s, n):
            return f"page {n}/{s['pages']}" if s["lang"] == "en" else f"第 {n}/{s['pages']} 页"

        for s in students:
            s["pane"].wait_for(page(s, 1))
        for turn in range(1, max(s["pages"] for s in students)):   # to the quiz: the last page
            for s in students:
                if turn < s["pages"]:
                    s["pane"].keys("Right")
            time.sleep(PAUSE)
        for s in students:
            s["pane"].wait_for(page(s, s["pages"]))

        # One key at a time, all three students together; the first key finds the focus on the page.
        for k in range(max(len(s["typed"]) for s in students)):
            for s in students:
                if k < len(s["typed"]):
                    s["pane"].type(s["typed"][k])
            time.sleep(PAUSE)
        nfkc = lambda text: unicodedata.normalize("NFKC", text)  # noqa: E731 - what the quiz reads
        shown = {s["name"]: nfkc(s["pane"].wait_for_field(nfkc(s["typed"]))) for s in students}
        assert shown == {s["name"]: nfkc(s["typed"]) for s in students}

        for s in students:          # a wrong answer: its verdict must be on screen, not below the fold
            s["pane"].keys("Enter")
        for s in students:
            for line in s["verdict"]:
                screen = s["pane"].wait_for(line, timeout=15)
            assert "Traceback" not in screen
    finally:
        subprocess.run([TMUX, "-L", socket, "kill-server"], capture_output=True)
