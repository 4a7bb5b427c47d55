"""The Exercises screen in a real terminal (tmux, 100×30), the installed `dltutor`: open it from
home with `e`, check 07_dense (transposed dW) and read the explanation, never a traceback."""
from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import pytest
from test_tmux import TMUX, Terminal, dltutor

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

WRONG = Path(__file__).resolve().parents[1] / "exercises" / "wrong"


def test_open_the_exercises_and_check_one(tmp_path):
    exe = dltutor()
    if exe is None:
        pytest.skip("the dltutor console script is not installed")
    folder = tmp_path / "dltutor-exercises"          # where `dltutor exercises init` writes, beside the app's cwd
    folder.mkdir()
    shutil.copy(WRONG / "07_dense__transposed_dW.py", folder / "07_dense.py")
    env = {"HOME": str(tmp_path), "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "DLTUTOR_DATA_DIR": str(tmp_path / "data"), "PATH": os.environ.get("PATH", "")}
    command = ["sh", "-c", f"cd {shlex.quote(str(tmp_path))} && exec {shlex.quote(exe)} --lang en"]
    term = Terminal(command, env, tmp_path / "tmux.conf")
    try:
        term.wait_for("Lessons")
        term.keys("e")
        screen = term.wait_for("07_dense")
        assert "Exercises of" in screen
        term.wait_for("Press Enter to check")     # mounted, the list has the focus
        for _ in range(6):
            term.keys("Down")
        term.wait_for("A Dense layer")
        term.keys("Enter")
        screen = term.wait_for("transposed?", timeout=60)
        assert "07_dense  failing" in screen and "Traceback" not in screen
        term.keys("h")
        assert "delta.T @ x" in term.wait_for("Hint:")
        term.keys("q")
        term.wait_for("Lessons")
    finally:
        term.close()
