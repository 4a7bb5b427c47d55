"""A three-question lesson ("sums") in en and zh, and `dltutor quiz --plain` on pipes answered one
prompt at a time: what the tests of a store that fails mid-quiz (a full disk, PostgreSQL stopped) drive."""
from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

LESSON = """---
id: sums
title: Sums
chapter: 1
order: 1
---
# Before the quiz

Adding.

---
# Three sums

```quiz
- id: a
  kind: number
  ask: What is 1 + 1?
  answer: 2
- id: b
  kind: number
  ask: What is 2 + 2?
  answer: 4
- id: c
  kind: number
  ask: What is 3 + 3?
  answer: 6
```
"""


def lessons(tmp_path: Path) -> Path:
    root = tmp_path / "lessons"
    for lang in ("en", "zh"):
        (root / lang).mkdir(parents=True)
        (root / lang / "01-sums.md").write_text(LESSON, encoding="utf-8")
    return root


class Plain:
    """`dltutor quiz --plain sums ARGS…` on pipes, answered one prompt at a time."""

    def __init__(self, root: Path, *args: str) -> None:
        env = dict(os.environ, DLTUTOR_LESSONS=str(root))
        self.proc = subprocess.Popen([sys.executable, "-m", "tutor", "quiz", "--plain", "sums", *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.out = b""

    def read_until(self, text: str, timeout: float = 30) -> str:
        want = text.encode()
        deadline = time.monotonic() + timeout
        while want not in self.out:
            assert time.monotonic() < deadline, self.out.decode(errors="replace")
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.2)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                assert chunk, f"ended before {text!r}: {self.out.decode(errors='replace')}"
                self.out += chunk
        head, _, self.out = self.out.partition(want)
        return (head + want).decode()

    def answer(self, text: str) -> None:
        self.proc.stdin.write(text.encode() + b"\n")
        self.proc.stdin.flush()
