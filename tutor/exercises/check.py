"""Check exercise files: build the engine's answers, run the student's code in a
child process (runner.py), judge what came back (judge.py).

    check_files([(exercise, path), ...], mode) -> [Verdict, ...]

A file that is still the untouched stub is "not started" without running it.
"""
from __future__ import annotations

from pathlib import Path

from tutor.exercises.catalog import Exercise
from tutor.exercises.files import is_stub
from tutor.exercises.judge import ERROR, MISSING, NOT_STARTED, Verdict, judge
from tutor.exercises.runner import MEMORY_MB, Job, run_jobs
from tutor.exercises.sandbox import Mode
from tutor.locale import t


def check_files(items: list[tuple[Exercise, Path]], mode: Mode, memory_mb: int = MEMORY_MB,
                time_limit: float | None = None) -> list[Verdict]:
    verdicts: list[Verdict | None] = [None] * len(items)
    todo: dict[Path, list[tuple[int, list]]] = {}
    for k, (exercise, path) in enumerate(items):
        path = Path(path)
        if not mode.runs:
            verdicts[k] = Verdict(ERROR, [mode.reason])
        elif not path.is_file():
            verdicts[k] = Verdict(MISSING, [t("{file} is missing: `dltutor exercises init` writes it again.",
                                              file=path.name)])
        elif is_stub(exercise, path):
            verdicts[k] = Verdict(NOT_STARTED, [t("{file} is still the stub as written: fill in the parts marked "
                                                  "“write your code here”.", file=path.name)])
        else:
            todo.setdefault(path.resolve().parent, []).append((k, exercise.cases()))
    for folder, entries in todo.items():
        jobs = [Job(Path(items[k][1]).resolve(), [case.probe for case in cases],
                    time_limit or items[k][0].time_limit) for k, cases in entries]
        for (k, cases), job, outcome in zip(entries, jobs, run_jobs(jobs, folder, mode, memory_mb)):
            verdicts[k] = judge(cases, outcome, job.file.name, job.time_limit)
    return verdicts


def check_folder(exercises: list[Exercise], folder: Path, mode: Mode, **options) -> list[Verdict]:
    return check_files([(exercise, Path(folder) / exercise.filename) for exercise in exercises], mode, **options)
