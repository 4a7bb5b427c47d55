"""The stubs (package data) and a student's exercise folder.

`init` writes every stub that is not there yet and never overwrites a file:
what a student wrote is theirs.  A stub names its lesson as `[[backpropagation]]`;
the file gets the lesson's number and title as the app shows them then.  On a
classroom server each student's folder is `<data dir>/exercises/<student>`,
beside (never inside) the progress file.
"""
from __future__ import annotations

import re
from pathlib import Path

from tutor.exercises.catalog import EXERCISES, Exercise
from tutor.exercises.refs import show

STUBS = Path(__file__).parent / "stubs"
DEFAULT_FOLDER = "dltutor-exercises"


def stub_path(exercise: Exercise) -> Path:
    return STUBS / exercise.filename


def stub_text(exercise: Exercise, lessons=None) -> str:
    """The stub as a student gets it: each [[backpropagation]]-style reference numbered as the app numbers it now."""
    return show(stub_path(exercise).read_text(encoding="utf-8"), lessons)


def is_stub(exercise: Exercise, path: Path) -> bool:
    """True when the file is still the stub (nothing written yet).  A line that names a lesson
    may read anything: it shows the number the lesson had when the file was written."""
    from tutor.content.refs import REF_RE

    try:
        given = Path(path).read_text(encoding="utf-8")
        stub = stub_path(exercise).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    lines = [r"[^\n]*" if REF_RE.search(line) else re.escape(line) for line in stub.split("\n")]
    return re.fullmatch("\n".join(lines), given) is not None


def init_folder(folder: Path, lessons=None) -> tuple[list[str], list[str]]:
    """Write the missing stubs into `folder`: (written, kept) file names.  `lessons`: the
    student's (default: the lessons in the student's language)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written, kept = [], []
    for exercise in EXERCISES:
        target = folder / exercise.filename
        try:
            with open(target, "xb") as out:          # "x": fails if the file exists, never overwrites
                out.write(stub_text(exercise, lessons).encode("utf-8"))
        except FileExistsError:
            kept.append(exercise.filename)
            continue
        written.append(exercise.filename)
    return written, kept


def classroom_folder(data_dir: Path, student: str) -> Path:
    """A student's exercise folder on a classroom server (the name is already a valid login name)."""
    return Path(data_dir) / "exercises" / student


def holds_progress(folder: Path, data_dir: Path) -> bool:
    """True when `folder` is, or contains, the progress data: code run there could read it."""
    folder, data_dir = Path(folder).resolve(), Path(data_dir).resolve()
    return folder == data_dir or folder in data_dir.parents or (folder / "progress.db").exists()
