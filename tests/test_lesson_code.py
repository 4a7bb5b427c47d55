"""Every ```python block of every shipped lesson runs and prints exactly the ```output shown under it.

Each block runs on its own in a fresh interpreter (the engine importable, a
timeout), so a lesson cannot show code that fails or prints something else.
A translated block whose code differs from its en twin only in comments is
not run twice: `dltutor check` already requires the same outputs in the same
order (tests/test_lesson_code_format.py).
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from tutor.content.loader import load_lessons

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
TIMEOUT = 120          # seconds: a liveness bound for a few lines of NumPy, not a timing claim


def without_comments(code: str) -> tuple:
    """The code's tokens minus comments and blank lines: what runs."""
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return tuple((tok.type, tok.string) for tok in tokens if tok.type not in (tokenize.COMMENT, tokenize.NL))


def shown(text: str) -> str:
    """Output as a page shows it: trailing spaces and blank lines do not count."""
    return "\n".join(line.rstrip() for line in text.rstrip("\n").split("\n"))


def code_blocks():
    """(label, code, output) for each block to run, en first."""
    found, en_runs = [], set()
    for lang in ("en", "zh"):
        lessons, _ = load_lessons(lang, LESSONS)
        for lesson in lessons:
            if lesson.lang != lang:
                continue          # an untranslated lesson's en fallback
            for number, block in enumerate(lesson.blocks("code"), 1):
                key = (without_comments(block.text), block.output)
                if lang != "en" and key in en_runs:
                    continue
                en_runs.add(key)
                found.append((f"{lang}/{lesson.path.name}:{block.line}", block.text, block.output))
    return found


BLOCKS = code_blocks()


def run(code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8",
           "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                          timeout=TIMEOUT, env=env, cwd=ROOT)


def test_there_are_code_blocks():
    assert len(BLOCKS) >= 6


@pytest.mark.parametrize("label,code,output", BLOCKS, ids=[b[0] for b in BLOCKS])
def test_code_block_prints_its_output(label, code, output):
    assert output is not None, f"{label}: a python block without an ```output block under it"
    done = run(code)
    assert done.returncode == 0, f"{label} failed:\n{done.stderr}"
    assert shown(done.stdout) == shown(output), f"{label} printed:\n{done.stdout}"


def test_the_runner_catches_a_wrong_output():
    """The comparison above can fail: a block printing something else, or raising."""
    assert shown(run("print(1 + 1)").stdout) != shown("3")
    assert run("import engine; raise SystemExit(engine.nothing)").returncode != 0


def test_comments_do_not_count_but_code_does():
    en = "x = 1  # one\nprint(x)\n"
    assert without_comments(en) == without_comments("x = 1  # 一\n\nprint(x)\n")
    assert without_comments(en) != without_comments("x = 2  # one\nprint(x)\n")
    assert without_comments(en) != without_comments("x = 1\nprint('一')\n")
