"""`dltutor serve web`: textual-serve runs one dltutor process per browser tab."""
from __future__ import annotations

import shlex
import sys
from pathlib import Path


def serve_web(host: str, port: int, data_dir: Path, student: str) -> int:
    from textual_serve.server import Server

    command = shlex.join([sys.executable, "-m", "tutor", "--student", student, "--data-dir", str(data_dir.resolve())])
    Server(command, host=host, port=port, title="dltutor").serve()
    return 0
