"""The first screen in a browser classroom: who is learning, and in which language.

Over SSH the login name is the student.  A browser tab has no login, so
`dltutor serve web` starts the app with `--ask-name`: the student types a
name (the teacher's `dltutor class` lists progress under it) and picks
one of the languages we have catalogs for (`tutor.locale.languages()`, each
in its own name) before the lessons open.
"""
from __future__ import annotations

import re
import unicodedata

from textual.containers import Center, Vertical
from textual.widgets import Input, RadioButton, RadioSet, Static

from tutor.locale import language, language_name, languages, t
from tutor.screens.base import TutorScreen
from tutor.serve.names import valid_student  # the rule for an SSH login name too


def clean_name(typed: str) -> str:
    """What a student typed, as a name: full-width letters folded (NFKC), spaces become '_'."""
    return re.sub(r"\s+", "_", unicodedata.normalize("NFKC", typed).strip())


class NameScreen(TutorScreen):
    DEFAULT_CSS = """
    NameScreen { align: center middle; }
    NameScreen > Vertical { width: 64; height: auto; border: round $accent; padding: 1 2; }
    NameScreen #name-title { text-style: bold; margin: 0 0 1 0; }
    NameScreen #name-lang { margin: 1 0 0 0; }
    NameScreen #name-error { color: $error; height: auto; }
    """

    def compose(self):
        with Vertical():
            yield Static("", id="name-title", markup=False)
            yield Static("", id="name-help", markup=False)
            yield Input(id="name-input", max_length=64)
            yield Static("", id="name-error", markup=False)
            with Center():
                with RadioSet(id="name-lang"):
                    for lang in languages():
                        yield RadioButton(language_name(lang), value=lang == language(), id=f"lang-{lang}")

    def on_mount(self) -> None:
        self._words()
        self.query_one("#name-input", Input).focus()

    def _words(self) -> None:
        """This screen's words in the current language (again after the student picks another)."""
        self.query_one("#name-title", Static).update(t("Welcome to dltutor"))
        self.query_one("#name-help", Static).update(
            t("Type your name and press Enter. Your teacher sees your progress under this name."))
        self.query_one("#name-input", Input).placeholder = t("your name, e.g. li_lei")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        lang = (event.pressed.id or "").removeprefix("lang-")
        if lang in languages() and lang != language():
            self.app.change_language(lang)
            self._words()
            self.query_one("#name-error", Static).update("")
        self.query_one("#name-input", Input).focus()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        name = clean_name(event.value)
        if not name:
            self.query_one("#name-error", Static).update(t("Please type a name first."))
            return
        if not valid_student(name):
            self.query_one("#name-error", Static).update(
                t("{name} can't be a name here: use letters, digits, '.', '_' or '-' (at most 32).", name=repr(name)))
            return
        await self.app.start_as(name)
