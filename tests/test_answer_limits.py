"""An answer holds at most MAX_ANSWER (2000) characters: in the app's answer box,
in `dltutor quiz --plain`, and in the store.  Before: a 10 MB answer was
stored whole (10 pastes of 200 KB grew a class database from 177 KB to 14 MB).
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult

from tutor.progress import MAX_ANSWER, Store
from tutor.quiz.widget import QuizView

LESSON = """---
id: sums
title: Sums
chapter: 1
order: 1
---
# Two sums

```quiz
- id: a
  kind: number
  ask: What is 1 + 1?
  answer: 2
- id: b
  kind: expression
  ask: Differentiate x^2.
  answer: 2*x
```
"""
TEN_MB = "5" * 10_000_000


def test_the_limit_is_2000_characters():
    assert MAX_ANSWER == 2000


def test_the_store_cuts_an_answer_that_arrives_anyway(tmp_path):
    with Store(tmp_path / "progress.db") as store:
        store.record_answer("ann", "sums", "a", TEN_MB, "unreadable", False)
        store.record_answer("ann", "sums", "a", "2", "right", True)
        raws = [a["raw"] for a in store.answers("ann")]
    assert len(raws[0]) == MAX_ANSWER and raws[0].endswith("…") and raws[1] == "2"
    assert (tmp_path / "progress.db").stat().st_size < 1_000_000


@pytest.mark.parametrize("lang,message", [
    ("en", "That is too long for an answer: at most 2000 characters. Type just the answer."),
    ("zh", "答案太长了：最多 2000 个字符。只需输入答案本身。"),
])
def test_plain_quiz_refuses_a_ten_megabyte_answer(tmp_path, lang, message):
    for sub in ("en", "zh"):
        (tmp_path / "lessons" / sub).mkdir(parents=True)
        (tmp_path / "lessons" / sub / "01-sums.md").write_text(LESSON, encoding="utf-8")
    env = dict(os.environ, DLTUTOR_LESSONS=str(tmp_path / "lessons"), DLTUTOR_DATA_DIR=str(tmp_path / "data"))
    answers = TEN_MB + "\n2\n2*x\n"            # the huge line, then the real answers on the next lines
    out = subprocess.run([sys.executable, "-m", "tutor", "quiz", "--plain", "sums", "--lang", lang, "--student",
                          "ann"], input=answers, capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count(message) == 1
    assert len(out.stdout) < 5000                          # not echoed either
    with Store(tmp_path / "data" / "progress.db") as store:
        assert [a["raw"] for a in store.answers("ann")] == ["2", "2*x"]   # refused, not stored; no try used
        assert store.lesson_status("ann")["sums"]["best"] == (2, 2)
    assert (tmp_path / "data" / "progress.db").stat().st_size < 1_000_000


class QuizApp(App):
    def __init__(self, view: QuizView, lang: str) -> None:
        super().__init__()
        self.view, self.lang = view, lang

    def compose(self) -> ComposeResult:
        yield self.view


@pytest.mark.parametrize("lang,message", [("en", "too long for an answer"), ("zh", "答案太长了")])
def test_the_answer_box_refuses_a_huge_paste_and_says_why(tmp_path, lang, message):
    asyncio.run(paste(tmp_path, lang, message))


async def paste(tmp_path: Path, lang: str, message: str) -> None:
    questions = [{"id": "a", "kind": "number", "ask": "What is 1 + 1?", "answer": 2}]
    with Store(tmp_path / "p.db") as store:
        app = QuizApp(QuizView(questions, "sums", lang, "ann", store), lang)
        async with app.run_test(size=(100, 30)) as pilot:
            box = app.query_one("#quiz-input")
            box.focus()
            box.post_message(events.Paste("5" * (MAX_ANSWER + 1)))
            await pilot.pause()
            assert box.value == ""                                      # refused whole
            assert any(message in n.message for n in app._notifications)
            box.post_message(events.Paste("5" * MAX_ANSWER))               # at the limit: fine
            await pilot.pause()
            assert len(box.value) == MAX_ANSWER
            await pilot.press("enter")
            await pilot.pause()
        assert [len(a["raw"]) for a in store.answers("ann")] == [MAX_ANSWER]
