"""`?`: every key the app answers to, grouped by where it works."""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from tutor.locale import N_, t, translated
from tutor.screens.base import TutorScreen

# Every key the app answers to, by group: (keys, what they do).
KEYS: dict[str, list[tuple[str, str]]] = {
    "everywhere": [
        ("?", N_("this help")),
        ("q", N_("back (quit on the home screen)")),
        ("ctrl+p", N_("jump to any lesson or lab")),
        ("t", N_("dark / light theme")),
        ("g", N_("glossary of symbols and terms")),
        ("tab", N_("move between parts of the screen")),
    ],
    "home": [
        ("↑ ↓", N_("choose a lesson")),
        ("enter", N_("open it")),
        ("s", N_("your progress")),
        ("e", N_("exercises: write the maths in NumPy, the engine checks it")),
    ],
    "lesson": [
        ("→ space n", N_("next page")),
        ("← p", N_("previous page")),
        ("j k", N_("scroll down / up")),
        ("o", N_("open the lab on this page")),
    ],
    "lab": [
        ("space →", N_("one step")),
        ("←", N_("one step back")),
        ("r", N_("run / pause")),
        ("+ -", N_("faster / slower")),
        ("0", N_("start again")),
        ("c", N_("the engine's code for this step, beside it")),
        ("e", N_("change the lab's settings (restarts it)")),
    ],
    "quiz": [
        ("tab", N_("into the quiz, and between its parts")),
        ("1-9", N_("pick an option")),
        ("enter", N_("submit; again for the next question")),
        ("escape", N_("leave the quiz (page keys work again)")),
    ],
    "progress": [
        ("↑ ↓", N_("move through the lessons")),
        ("enter", N_("review that lesson's quiz (m there: retake the questions missed)")),
        ("e", N_("export your progress as CSV")),
        ("r", N_("reset your progress (asks first)")),
    ],
    "exercises": [
        ("↑ ↓", N_("choose an exercise")),
        ("enter c", N_("check it (your code runs in its own process)")),
        ("h", N_("the hint")),
        ("e", N_("edit it in your $EDITOR")),
        ("i", N_("write the exercise files (never overwrites yours)")),
    ],
}

HEADINGS = {
    "everywhere": N_("Everywhere"),
    "home": N_("Home"),
    "lesson": N_("Lesson"),
    "lab": N_("Lab"),
    "quiz": N_("Quiz (inside a lesson page)"),
    "progress": N_("Progress"),
    "exercises": N_("Exercises"),
}


def key_table(first: str | None = None) -> Text:
    """Every key, grouped; the group of the screen help was opened from comes first.

    Plain lines, no box: borders next to keys like ← → would be misdrawn in
    terminals that draw arrows two cells wide.
    """
    groups = ([first] if first in KEYS else []) + [g for g in KEYS if g != first]
    width = max(cell_len(keys) for rows in KEYS.values() for keys, _ in rows) + 4
    text = Text()
    for group in groups:
        text.append(translated(HEADINGS[group]), style="bold underline")
        text.append("\n")
        for keys, what in KEYS[group]:
            text.append("  " + keys + " " * (width - cell_len(keys)), style="bold")
            text.append(translated(what) + "\n")
        text.append("\n")
    text.rstrip()
    return text


class HelpScreen(TutorScreen):
    BINDINGS = [Binding("q,escape,question_mark", "app.pop_screen", N_("Close"))]

    def __init__(self, first: str | None = None) -> None:
        super().__init__()
        self.first = first

    def compose(self):
        yield Static(t("Keys"), id="help-title")
        with VerticalScroll(id="help-body"):
            yield Static(key_table(self.first), id="help-keys")
        yield Footer()
