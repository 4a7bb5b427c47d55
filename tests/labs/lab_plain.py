"""Run a lab in plain mode for the lab tests: in this process, or as the real command line."""
from __future__ import annotations

import io
import subprocess
import sys


def plain_text(name: str, *tokens: str) -> str:
    """What `dltutor lab NAME TOKENS... --plain` prints, run in this process (fast)."""
    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab(name).from_tokens(list(tokens)).plain(out)
    return out.getvalue()


def plain_command(name: str, *args: str) -> subprocess.CompletedProcess:
    """`python -m tutor lab NAME ARGS... --plain` as a student types it (stdout, stderr, returncode)."""
    return subprocess.run([sys.executable, "-m", "tutor", "lab", name, *args, "--plain"],
                          capture_output=True, text=True, timeout=60)
