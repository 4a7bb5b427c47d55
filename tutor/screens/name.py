"""The first screen in a browser classroom: who is learning, and in which language.

Over SSH the login name is the student.  A browser tab has no login, so
`dltutor serve web` starts the app with `--ask-name`: the student types a
name (the teacher's `dltutor class` lists progress under it) and picks
English or 中文 before the lessons open.
"""
from __future__ import annotations

import re
import unicodedata

from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Input, RadioButton, RadioSet, Static

from tutor.screens.strings import t
from tutor.serve.names import valid_student  # the rule for an SSH login name too


def clean_name(typed: str) -> str:
    """What a student typed, as a name: full-width letters folded (NFKC), spaces become '_'."""
    return re.sub(r"\s+", "_", unicodedata.normalize("NFKC", typed).strip())


class NameScreen(Screen):
    DEFAULT_CSS = """
    NameScreen { align: center middle; }
    NameScreen > Vertical { width: 64; height: auto; border: round $accent; padding: 1 2; }
    NameScreen #name-title { text-style: bold; margin: 0 0 1 0; }
    NameScreen #name-lang { margin: 1 0 0 0; }
    NameScreen #name-error { color: $error; height: auto; }
    """

    def compose(self):
        lang = self.app.lang
        with Vertical():
            yield Static(t(lang, "name_title"), id="name-title", markup=False)
            yield Static(t(lang, "name_help"), id="name-help", markup=False)
            yield Input(placeholder=t(lang, "name_placeholder"), id="name-input", max_length=64)
            yield Static("", id="name-error", markup=False)
            with Center():
                with RadioSet(id="name-lang"):
                    yield RadioButton("English", value=lang == "en", id="lang-en")
                    yield RadioButton("中文", value=lang == "zh", id="lang-zh")

    def on_mount(self) -> None:
        self.query_one("#name-input", Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        lang = "zh" if event.pressed.id == "lang-zh" else "en"
        if lang != self.app.lang:
            self.app.switch_lang(lang)
            for key in ("name_title", "name_help"):
                self.query_one(f"#{key.replace('_', '-')}", Static).update(t(lang, key))
            self.query_one("#name-input", Input).placeholder = t(lang, "name_placeholder")
            self.query_one("#name-error", Static).update("")
        self.query_one("#name-input", Input).focus()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        name = clean_name(event.value)
        if not name:
            self.query_one("#name-error", Static).update(t(self.app.lang, "name_empty"))
            return
        if not valid_student(name):
            self.query_one("#name-error", Static).update(t(self.app.lang, "name_bad", name=name))
            return
        await self.app.start_as(name)
