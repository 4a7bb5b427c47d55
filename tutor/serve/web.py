"""`dltutor serve web`: textual-serve runs one dltutor process per browser tab.

A tab has no login, so unless the teacher names one `--student` for all tabs,
each tab starts on the name screen (`dltutor --ask-name`): the student types
a name and picks a language, and progress is recorded under that name.
"""
from __future__ import annotations

import shlex
import sys
from pathlib import Path


def app_command(data_dir: Path, student: str | None = None, lang: str | None = None) -> str:
    """The command textual-serve runs for each tab."""
    words = [sys.executable, "-m", "tutor", "--data-dir", str(data_dir.resolve())]
    words += ["--student", student] if student else ["--ask-name"]
    words += ["--lang", lang] if lang else []
    return shlex.join(words)


def serve_web(host: str, port: int, data_dir: Path, student: str | None = None, lang: str | None = None) -> int:
    import os

    from textual_serve.server import Server

    os.environ["DLTUTOR_CLASSROOM"] = "1"      # every tab's process inherits it: student code only in the sandbox
    Server(app_command(data_dir, student, lang), host=host, port=port, title="dltutor").serve()
    return 0
