"""The stubs (package data) and a student's exercise folder.

`init` copies every stub that is not there yet and never overwrites a file:
what a student wrote is theirs.  On a classroom server each student's folder
is `<data dir>/exercises/<student>`, beside (never inside) the progress file.
"""
from __future__ import annotations

from pathlib import Path

from tutor.exercises.catalog import EXERCISES, Exercise

STUBS = Path(__file__).parent / "stubs"
DEFAULT_FOLDER = "dltutor-exercises"


def stub_path(exercise: Exercise) -> Path:
    return STUBS / exercise.filename


def is_stub(exercise: Exercise, path: Path) -> bool:
    """True when the file is still exactly the stub (nothing written yet)."""
    try:
        return Path(path).read_bytes() == stub_path(exercise).read_bytes()
    except OSError:
        return False


def init_folder(folder: Path) -> tuple[list[str], list[str]]:
    """Write the missing stubs into `folder`: (written, kept) file names."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written, kept = [], []
    for exercise in EXERCISES:
        target = folder / exercise.filename
        try:
            with open(target, "xb") as out:          # "x": fails if the file exists, never overwrites
                out.write(stub_path(exercise).read_bytes())
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
