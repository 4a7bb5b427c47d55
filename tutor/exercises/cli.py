"""`dltutor exercises …`: list, init, check, watch, hint.

    dltutor exercises                       the exercises, with your status
    dltutor exercises init [DIR]            write the stubs (default ./dltutor-exercises); never overwrites
    dltutor exercises check [NAME] [--dir DIR]   check one or all; exit 0 only if every one checked passes
    dltutor exercises watch [--dir DIR]     check again on every save; h: hint, q: quit
    dltutor exercises hint NAME             the hint of one exercise
"""
from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

from tutor.cli_text import UsageError
from tutor.exercises import texts
from tutor.exercises.catalog import EXERCISES, Exercise, UnknownExercise, find, lesson_numbers
from tutor.exercises.files import DEFAULT_FOLDER, holds_progress, init_folder, is_stub
from tutor.exercises.judge import FAILING, NOT_STARTED, PASSED, UNFINISHED, Verdict
from tutor.locale import set_language, t

POLL = 0.5          # seconds between looks at the files in watch mode
MARKS = {PASSED: "✓", FAILING: "✗", UNFINISHED: "…", NOT_STARTED: "·"}


def status_word(status: str) -> str:
    words = {"passed": t("passed"), "failing": t("failing"), "unfinished": t("unfinished"),
             "not started": t("not started"), "missing": t("missing"), "error": t("not checked"),
             "not checked": t("not checked")}
    return words.get(status, status)


def run(ctx, args) -> int:
    set_language(ctx.lang)
    action = args.action or "list"
    if action == "list":
        return cmd_list(ctx, args)
    if action == "init":
        return cmd_init(ctx, args)
    if action == "hint":
        return cmd_hint(ctx, args)
    if action in ("check", "watch"):
        folder = _folder(args.dir)
        if not folder.is_dir():
            raise UsageError(t("there is no exercise folder at {folder}: run `dltutor exercises init` first, or give "
                               "--dir", folder=folder))
        if holds_progress(folder, ctx.store_path.parent):
            raise UsageError(t("{folder} holds dltutor's progress data: keep your exercises in a folder of their own",
                               folder=folder))
        from tutor.exercises.sandbox import choose_mode

        mode = choose_mode(hide=[ctx.store_path.parent])
        if not mode.runs:
            print(mode.reason, file=sys.stderr)
            return 1
        if action == "check":
            return cmd_check(ctx, args, folder, mode)
        return cmd_watch(ctx, folder, mode)
    raise UsageError(t("unknown action {action}: use list, init, check, watch or hint", action=action))


def _folder(given: str | None) -> Path:
    return Path(given).expanduser() if given else Path.cwd() / DEFAULT_FOLDER


def _exercise(name: str) -> Exercise:
    try:
        return find(name)
    except UnknownExercise:
        names = ", ".join(e.stem for e in EXERCISES)
        raise UsageError(t("no exercise “{name}”; the exercises are: {names}", name=name, names=names)) from None


def _lessons() -> dict[str, tuple[str, str]]:
    """{lesson id: (number, title)} in the student's language."""
    from tutor.content import load_lessons
    from tutor.locale import language

    lessons, _ = load_lessons(language())
    numbers = lesson_numbers(lessons)           # the same numbers in every language
    return {lesson.id: (numbers.get(lesson.id, ""), lesson.title) for lesson in lessons}


def _table(rows: list[list[str]]) -> str:
    from tutor.cli_text import table

    return table(rows)


# --- list, init, hint ------------------------------------------------------------------

def cmd_list(ctx, args) -> int:
    folder = _folder(args.dir)
    store = ctx.store()
    try:
        recorded = store.exercise_status(ctx.student)
    finally:
        store.close()
    lessons = _lessons()
    rows = [[t("exercise"), t("lesson"), t("what you write"), t("status")]]
    for exercise in EXERCISES:
        number, _ = lessons.get(exercise.lesson, (exercise.lesson, ""))
        entry = recorded.get(exercise.stem)
        path = folder / exercise.filename
        if entry:
            status = status_word(entry["status"])
            status += " " + t("(checked {n}×)", n=entry["attempts"])
        elif not path.exists():
            status = "-"
        else:
            status = status_word(NOT_STARTED if is_stub(exercise, path) else "not checked")
        rows.append([exercise.stem, number or exercise.lesson, texts.title(exercise.name), status])
    print(_table(rows))
    print()
    if folder.is_dir():
        print(t("Your folder: {folder}", folder=folder))
        print(t("Check one: dltutor exercises check 01 · check all: dltutor exercises check · "
                "on every save: dltutor exercises watch"))
    else:
        print(t("Start with: dltutor exercises init (writes the files into {folder})", folder=folder))
    return 0


def cmd_init(ctx, args) -> int:
    folder = _folder(args.target or args.dir)
    if holds_progress(folder, ctx.store_path.parent):
        raise UsageError(t("{folder} holds dltutor's progress data: keep your exercises in a folder of their own",
                           folder=folder))
    try:
        written, kept = init_folder(folder)
    except OSError as exc:
        raise UsageError(t("cannot write the exercises into {folder}: {reason}", folder=folder,
                           reason=exc.strerror or exc)) from None
    if written:
        print(t("Wrote {n} exercise files into {folder}.", n=len(written), folder=folder))
    if kept:
        print(t("Kept {n} files that were already there: a file you wrote is never overwritten.", n=len(kept)))
    first = EXERCISES[0]
    print(t("Next: open {file} in your editor, write the marked parts, then run: dltutor exercises check {number}",
            file=folder / first.filename, number=f"{first.number:02d}"))
    return 0


def cmd_hint(ctx, args) -> int:
    if not args.target:
        raise UsageError(t("which exercise? for example: dltutor exercises hint 04"))
    exercise = _exercise(args.target)
    print(f"{exercise.stem} · {texts.title(exercise.name)}")
    print(texts.hint(exercise.name))
    return 0


# --- check --------------------------------------------------------------------------------

def _record(ctx, results: list[tuple[Exercise, Verdict]]) -> None:
    """Each real check (a file with something written in it) counts as an attempt."""
    worth = [(e, v) for e, v in results if v.status in (PASSED, FAILING, UNFINISHED)]
    if not worth:
        return
    store = ctx.store()
    try:
        for exercise, verdict in worth:
            store.exercise_checked(ctx.student, exercise.stem, verdict.status)
    finally:
        store.close()


def show(exercise: Exercise, verdict: Verdict, details: bool = True, hint_command: bool = True) -> str:
    """One exercise's verdict as the student reads it."""
    mark = MARKS.get(verdict.status, "!")
    lines = [f"{mark} {exercise.stem}  {status_word(verdict.status)}"]
    if details and verdict.status != PASSED:
        lines += [f"    {line}" for line in verdict.lines]
        printed = [line for line in verdict.prints.splitlines() if line.strip()]
        if printed and verdict.status in (FAILING, UNFINISHED):
            lines.append("    " + t("Your code printed:"))
            lines += [f"      {line[:200]}" for line in printed[:10]]
        if verdict.status in (FAILING, UNFINISHED) and hint_command:
            lines.append("    " + t("Stuck? dltutor exercises hint {number}", number=f"{exercise.number:02d}"))
    return "\n".join(lines)


def cmd_check(ctx, args, folder: Path, mode) -> int:
    from tutor.exercises.check import check_folder

    exercises = [_exercise(args.target)] if args.target else list(EXERCISES)
    verdicts = check_folder(exercises, folder, mode)
    _record(ctx, list(zip(exercises, verdicts)))
    for exercise, verdict in zip(exercises, verdicts):
        print(show(exercise, verdict, details=verdict.status != NOT_STARTED or len(exercises) == 1))
    passed = sum(v.passed for v in verdicts)
    if len(exercises) > 1:
        print()
        print(t("{passed} of {total} exercises pass.", passed=passed, total=len(exercises)))
    return 0 if passed == len(exercises) else 1


# --- watch --------------------------------------------------------------------------------

def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class _Keys:
    """Single keys from a terminal (cbreak mode), or lines from a pipe."""

    def __init__(self) -> None:
        self.fd = sys.stdin.fileno() if sys.stdin and not sys.stdin.closed else None
        self.saved = None
        self.open = self.fd is not None
        if self.fd is not None and os.isatty(self.fd):
            import termios
            import tty

            self.saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)

    def read(self, timeout: float) -> str:
        """A key pressed within `timeout` seconds ("" if none)."""
        if not self.open:
            time.sleep(timeout)
            return ""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return ""
        data = os.read(self.fd, 64).decode("utf-8", "replace")
        if not data:
            self.open = False            # stdin closed: keep watching, without keys
        return data.strip()[:1].lower()

    def close(self) -> None:
        if self.saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)


def cmd_watch(ctx, folder: Path, mode) -> int:
    from tutor.exercises.check import check_files

    verdicts: dict[str, Verdict] = {}
    stamps: dict[str, tuple | None] = {}
    clear = sys.stdout.isatty()
    keys = _Keys()
    current: Exercise | None = None
    try:
        while True:
            changed = [e for e in EXERCISES if _stamp(folder / e.filename) != stamps.get(e.stem, ())]
            if changed:
                for e in changed:
                    stamps[e.stem] = _stamp(folder / e.filename)
                results = check_files([(e, folder / e.filename) for e in changed], mode)
                verdicts.update({e.stem: v for e, v in zip(changed, results)})
                _record(ctx, list(zip(changed, results)))
                current = _display(folder, verdicts, clear)
            key = keys.read(POLL)
            if key == "q":
                return 0
            if key == "h":
                if current is None:
                    print(t("Every exercise passes: no hint needed."))
                else:
                    print(f"\n{current.stem} · {texts.title(current.name)}\n{texts.hint(current.name)}\n", flush=True)
    finally:
        keys.close()


def _display(folder: Path, verdicts: dict[str, Verdict], clear: bool) -> Exercise | None:
    """The progress line and the first exercise that does not pass yet; returns that exercise."""
    if clear:
        print("\x1b[2J\x1b[H", end="")
    passed = sum(verdicts[e.stem].passed for e in EXERCISES)
    print(t("{passed} of {total} exercises pass.", passed=passed, total=len(EXERCISES)))
    current = next((e for e in EXERCISES if not verdicts[e.stem].passed), None)
    if current is None:
        print(t("All {n} exercises pass. Well done!", n=len(EXERCISES)))
    else:
        print(show(current, verdicts[current.stem], hint_command=False))
    print()
    print(t("Watching {folder}: save a file and it is checked again. Keys: h hint, q quit.", folder=folder),
          flush=True)
    return current
