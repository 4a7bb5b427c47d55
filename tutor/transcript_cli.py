"""`dltutor progress --transcript FILE` and `dltutor class --transcripts DIR` (tutor/transcript/)."""
from __future__ import annotations

from pathlib import Path

from tutor.cli_text import UsageError
from tutor.locale import set_language, t


def progress_transcript(ctx, lessons: list, target: str) -> int:
    from tutor.transcript import format_of, write_transcript

    set_language(ctx.lang)
    path = Path(target).expanduser()
    if format_of(path) is None:
        raise UsageError(t("--transcript takes a file name ending in .html or .md, not {name}", name=path.name))
    store = ctx.store()
    try:
        record = write_transcript(store, ctx.student, lessons, path)
    except OSError as exc:
        raise UsageError(t("cannot write {path}: {reason}", path=path, reason=exc.strerror or exc)) from None
    finally:
        store.close()
    print(t("Wrote the transcript of {student} to {path} (pages seen: {pages}, answers: {answers}, "
            "exercises passed: {exercises}).", student=record.student, path=path, pages=record.pages_seen,
            answers=record.answers, exercises=record.exercises_passed))
    return 0


def class_transcripts(ctx, store, lessons: list, target: str) -> int:
    from tutor.transcript import write_class

    set_language(ctx.lang)
    folder = Path(target).expanduser()
    try:
        written = write_class(store, lessons, folder)
    except OSError as exc:
        raise UsageError(t("cannot write {path}: {reason}", path=folder, reason=exc.strerror or exc)) from None
    print(t("Wrote {n} transcripts to {folder}.", n=len(written), folder=folder))
    return 0
