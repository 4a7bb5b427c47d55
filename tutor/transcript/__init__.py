"""Hand-in transcripts: a student's record as one self-contained page.

    dltutor progress --transcript FILE.html|FILE.md     your own
    dltutor class --transcripts DIR                     one per student (DIR/NAME.html)

record.py reads the progress store, document.py words it in the reader's language
(tutor.locale), html.py and markdown.py render it, escaping everything.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from tutor.transcript import document, html, markdown
from tutor.transcript.record import Record, gather

__all__ = ["FORMATS", "Record", "gather", "render", "write_transcript", "write_class", "file_name"]

FORMATS = {".html": html, ".htm": html, ".md": markdown, ".markdown": markdown}


def format_of(path: Path):
    """The renderer for a file name, or None (the caller says which names work)."""
    return FORMATS.get(Path(path).suffix.lower())


def render(record: Record, renderer=html) -> str:
    return renderer.render(document.build(record), document.title(record))


def write_transcript(store, student: str, lessons: list, path: Path) -> Record:
    renderer = format_of(path)
    if renderer is None:
        raise ValueError(f"{path}: a transcript is FILE.html or FILE.md")
    record = gather(store, student, lessons)
    _write(Path(path), render(record, renderer))
    return record


def file_name(student: str, taken: set[str], suffix: str = ".html") -> str:
    """A file name for a student that cannot leave the folder or clash: any name is data."""
    stem = re.sub(r"[^\w.-]+", "_", student).strip("._") or "student"
    stem = stem[:80]
    name, n = stem + suffix, 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    taken.add(name.lower())
    return name


def write_class(store, lessons: list, folder: Path, suffix: str = ".html") -> list[Path]:
    """One transcript per student of the store, in `folder` (made if missing)."""
    renderer = FORMATS[suffix]
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)     # every student's answers: the teacher's only
    taken: set[str] = set()
    written = []
    for student in store.students():
        path = folder / file_name(student, taken, suffix)
        _write(path, render(gather(store, student, lessons), renderer))
        written.append(path)
    return written


def _write(path: Path, text: str) -> None:
    """Written whole or not at all (a half-written hand-in is worse than none), readable by its owner
    only, like progress.db: it holds every answer."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
