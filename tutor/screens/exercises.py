"""Exercises: the list with each one's status, the stub's formula, the last check
explained, the hint.

The check runs in a worker thread (the student's code runs in its own process,
in bubblewrap when it works: tutor/exercises/sandbox.py), so the screen keeps
answering while it runs.  Locally `e` opens the file in the student's $EDITOR
(the app suspends and resumes) and checks it on return; on a classroom server
there is no shell and no editor yet, so `e` says where the file is.
"""
from __future__ import annotations

import ast
import os
import shlex
import subprocess
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.exercises import texts
from tutor.exercises.catalog import EXERCISES, Exercise
from tutor.exercises.files import DEFAULT_FOLDER, classroom_folder, holds_progress, init_folder, is_stub, stub_text
from tutor.exercises.judge import FAILING, NOT_STARTED, PASSED, UNFINISHED, Verdict
from tutor.exercises.sandbox import in_classroom
from tutor.locale import N_, t
from tutor.screens.base import TutorScreen
from tutor.screens.standing import numbering
from tutor.widgets.keybar import KeyBar

MARKS = {PASSED: "✓", FAILING: "✗", UNFINISHED: "…", NOT_STARTED: "·"}
RECORDED = (PASSED, FAILING, UNFINISHED)     # what counts as an attempt (as `dltutor exercises check`)


def status_word(status: str) -> str:
    words = {"passed": t("passed"), "failing": t("failing"), "unfinished": t("unfinished"),
             "not started": t("not started"), "missing": t("missing"), "error": t("not checked"),
             "not checked": t("not checked")}
    return words.get(status, status)


def stub_docstring(exercise: Exercise, lessons=None) -> str:
    """The stub's docstring: the formula as the lesson writes it, the shapes, the lesson as the app numbers it."""
    try:
        return ast.get_docstring(ast.parse(stub_text(exercise, lessons))) or ""
    except (OSError, SyntaxError, ValueError):
        return ""


def data_folder(store) -> Path:
    from tutor.progress import default_path

    path = getattr(store, "path", None)
    return Path(path).parent if isinstance(path, (str, os.PathLike)) else default_path().parent


def exercise_folder(app) -> Path:
    """Where this student's files are: `app.exercise_folder` if set, the student's folder on a classroom
    server, else ./dltutor-exercises (as `dltutor exercises init` writes it)."""
    given = getattr(app, "exercise_folder", None)
    if given:
        return Path(given)
    if in_classroom():
        return classroom_folder(data_folder(app.store), app.student)
    return Path.cwd() / DEFAULT_FOLDER


def verdict_text(exercise: Exercise, verdict: Verdict) -> Text:
    """A check's verdict as the student reads it: the status, then what is wrong in their terms."""
    text = Text()
    mark = MARKS.get(verdict.status, "!")
    style = "bold green" if verdict.passed else "bold red" if verdict.status == FAILING else "bold"
    text.append(f"{mark} {exercise.stem}  {status_word(verdict.status)}\n", style=style)
    if verdict.passed:
        text.append(t("Every check agrees with the engine. Well done!"))
        return text
    for line in verdict.lines:
        text.append(f"  {line}\n")
    printed = [line for line in verdict.prints.splitlines() if line.strip()]
    if printed and verdict.status in (FAILING, UNFINISHED):
        text.append("  " + t("Your code printed:") + "\n", style="dim")
        for line in printed[:10]:
            text.append(f"    {line[:200]}\n", style="dim")
    if verdict.status in (FAILING, UNFINISHED):
        text.append(t("Stuck? Press h for the hint."), style="italic")
    text.rstrip()
    return text


class ExercisesScreen(TutorScreen):
    HELP_GROUP = "exercises"
    BINDINGS = [
        Binding("enter,c", "check", N_("Check"), tooltip=N_("check it (your code runs in its own process)")),
        Binding("h", "hint", N_("Hint"), tooltip=N_("the hint")),
        Binding("e", "edit", N_("Edit"), tooltip=N_("edit it in your $EDITOR")),
        Binding("i", "init", N_("Write the files"), tooltip=N_("write the exercise files (never overwrites yours)")),
        Binding("q,escape", "app.pop_screen", N_("Back")),
    ]
    DEFAULT_CSS = """
    #exercises-title { height: 1; background: $primary 30%; padding: 0 1; }
    #exercises-folder { height: auto; padding: 0 1; color: $text-muted; }
    #exercises-body { height: 1fr; }
    #exercise-list { width: 58; height: 1fr; }
    #exercise-detail { width: 1fr; height: 1fr; padding: 0 1; border-left: tall $primary 30%; }
    #exercise-verdict { margin: 1 0; }
    #exercise-hint { margin: 1 0; color: $text-muted; }
    #exercise-stub { color: $text; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.verdicts: dict[str, Verdict] = {}      # this visit's checks
        self.checking: set[str] = set()
        self.hints: set[str] = set()                # exercises whose hint is shown
        self._mode = None

    # --- what is shown ---------------------------------------------------------
    @property
    def folder(self) -> Path:
        return exercise_folder(self.app)

    def compose(self):
        yield Static(t("Exercises of {student}", student=self.app.student), id="exercises-title", markup=False)
        yield Static("", id="exercises-folder", markup=False)
        with Horizontal(id="exercises-body"):
            yield OptionList(*self._options(), id="exercise-list")
            with VerticalScroll(id="exercise-detail"):
                yield Static("", id="exercise-heading")
                yield Static("", id="exercise-verdict")
                yield Static("", id="exercise-hint", markup=False)
                yield Static("", id="exercise-stub", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_folder()
        self.query_one("#exercise-list", OptionList).highlighted = 0
        self.query_one("#exercise-list", OptionList).focus()
        self._show_detail()

    def _status(self, exercise: Exercise) -> tuple[str, str]:
        """(status, words) for the list: this visit's check, else the store's, else the file's state."""
        if exercise.stem in self.checking:
            return "checking", t("checking…")
        verdict = self.verdicts.get(exercise.stem)
        recorded = (self.app.query_store("exercise_status", {}) or {}).get(exercise.stem)
        if verdict is not None and verdict.status not in RECORDED:
            return verdict.status, status_word(verdict.status)
        if recorded:
            return recorded["status"], status_word(recorded["status"]) + " " + t("(checked {n}×)",
                                                                                n=recorded["attempts"])
        path = self.folder / exercise.filename
        if not path.exists():
            return "missing", "-"
        status = NOT_STARTED if is_stub(exercise, path) else "not checked"
        return status, status_word(status)

    def _options(self) -> list[Option]:
        numbers = numbering(self.app.lessons)
        options = []
        for exercise in EXERCISES:
            status, words = self._status(exercise)
            row = Text()
            mark = MARKS.get(status, " ")
            row.append(f"{mark} ", style="bold green" if status == PASSED else "bold red" if status == FAILING else "")
            row.append(f"{exercise.stem:<19}")
            row.append(f"{numbers.get(exercise.lesson, ''):>5}  ", style="dim")
            row.append(words)
            options.append(Option(row, id=exercise.stem))
        return options

    def _refresh_list(self) -> None:
        listing = self.query_one("#exercise-list", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        listing.add_options(self._options())
        listing.highlighted = keep if keep is not None else 0

    def _show_folder(self) -> None:
        folder = self.folder
        if folder.is_dir():
            words = t("Your folder: {folder}", folder=folder)
        else:
            words = t("No exercise files yet: press i to write them into {folder}", folder=folder)
        self.query_one("#exercises-folder", Static).update(words)

    @property
    def current(self) -> Exercise:
        index = self.query_one("#exercise-list", OptionList).highlighted or 0
        return EXERCISES[max(0, min(index, len(EXERCISES) - 1))]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_check()

    def _show_detail(self) -> None:
        exercise = self.current
        numbers = numbering(self.app.lessons)
        lesson = self.app.lesson_by_id(exercise.lesson)
        heading = Text(f"{exercise.stem} · {texts.title(exercise.name)}\n", style="bold")
        heading.append(t("Lesson {number} {title} · you write: {functions}", number=numbers.get(exercise.lesson, ""),
                         title=lesson.title if lesson else exercise.lesson,
                         functions=", ".join(exercise.functions)), style="dim")
        self.query_one("#exercise-heading", Static).update(heading)
        verdict = self.verdicts.get(exercise.stem)
        if exercise.stem in self.checking:
            shown = Text(t("Checking {file}… (your code runs in its own process; keep reading)",
                           file=exercise.filename), style="italic")
        elif verdict is not None:
            shown = verdict_text(exercise, verdict)
        else:
            shown = Text(t("Press Enter to check {file}.", file=exercise.filename), style="dim")
        self.query_one("#exercise-verdict", Static).update(shown)
        hint = t("Hint: {hint}", hint=texts.hint(exercise.name)) if exercise.stem in self.hints else ""
        self.query_one("#exercise-hint", Static).update(hint)
        self.query_one("#exercise-stub", Static).update(stub_docstring(exercise, self.app.lessons))

    # --- keys -------------------------------------------------------------------
    def action_hint(self) -> None:
        self.hints.symmetric_difference_update({self.current.stem})
        self._show_detail()

    def action_init(self) -> None:
        folder = self.folder
        if holds_progress(folder, data_folder(self.app.store)):
            self.app.notify(t("{folder} holds dltutor's progress data: keep your exercises in a folder of their own",
                              folder=folder), severity="error")
            return
        try:
            written, kept = init_folder(folder, self.app.lessons)
        except OSError as exc:
            self.app.notify(t("cannot write the exercises into {folder}: {reason}", folder=folder,
                              reason=exc.strerror or exc), severity="error")
            return
        message = t("Wrote {n} exercise files into {folder}.", n=len(written), folder=folder)
        if kept:
            message += " " + t("Kept {n} files that were already there: a file you wrote is never overwritten.",
                               n=len(kept))
        self.app.notify(message, timeout=8)
        self._show_folder()
        self._refresh_list()

    def action_edit(self) -> None:
        exercise = self.current
        path = self.folder / exercise.filename
        if not path.exists():
            self.app.notify(t("{file} is missing: press i to write the exercise files.", file=exercise.filename),
                            severity="warning")
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if in_classroom() or not editor:
            self.app.notify(t("Edit {path} in your editor, save, then press Enter here to check it.", path=path),
                            timeout=10)
            return
        try:
            with self.app.suspend():
                subprocess.call([*shlex.split(editor), str(path)])
        except Exception as exc:      # no terminal to hand over (a browser tab), a missing editor…
            self.app.notify(t("Your editor could not start: {reason}", reason=str(exc) or type(exc).__name__),
                            severity="warning")
            return
        self.action_check()

    def action_check(self) -> None:
        exercise = self.current
        if exercise.stem in self.checking:
            return
        self.checking.add(exercise.stem)
        self._refresh_list()
        self._show_detail()
        self.run_worker(self._check(exercise), group="exercise-check", exit_on_error=False)

    async def _check(self, exercise: Exercise) -> None:
        import asyncio

        folder, hide = self.folder, data_folder(self.app.store)

        def work() -> Verdict:
            from tutor.exercises.check import check_files
            from tutor.exercises.judge import ERROR
            from tutor.exercises.sandbox import choose_mode

            if holds_progress(folder, hide):
                return Verdict(ERROR, [t("{folder} holds dltutor's progress data: keep your exercises in a folder "
                                         "of their own", folder=folder)])
            if self._mode is None:
                self._mode = choose_mode(hide=[hide])
            return check_files([(exercise, folder / exercise.filename)], self._mode)[0]

        try:
            verdict = await asyncio.to_thread(work)
        except Exception as exc:      # a bug in checking must not end the student's session
            from tutor.exercises.judge import ERROR

            verdict = Verdict(ERROR, [t("The check could not run: {reason}", reason=str(exc) or type(exc).__name__)])
        self.checking.discard(exercise.stem)
        self.verdicts[exercise.stem] = verdict
        if verdict.status in RECORDED:
            self.app.save("exercise_checked", exercise.stem, verdict.status)
        if self.is_attached:
            self._refresh_list()
            self._show_detail()
