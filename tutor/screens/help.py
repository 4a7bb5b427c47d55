"""`?`: every key the app answers to, grouped by where it works."""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tutor.screens.strings import HEADINGS, KEYS, localize_bindings, t


def key_table(lang: str, first: str | None = None) -> Text:
    """Every key, grouped; the group of the screen help was opened from comes first.

    Plain lines, no box: borders next to keys like ← → would be misdrawn in
    terminals that draw arrows two cells wide.
    """
    groups = ([first] if first in KEYS else []) + [g for g in KEYS if g != first]
    width = max(cell_len(keys) for rows in KEYS.values() for keys, _, _ in rows) + 4
    text = Text()
    for group in groups:
        en, zh = HEADINGS[group]
        text.append(zh if lang == "zh" else en, style="bold underline")
        text.append("\n")
        for keys, what_en, what_zh in KEYS[group]:
            text.append("  " + keys + " " * (width - cell_len(keys)), style="bold")
            text.append((what_zh if lang == "zh" else what_en) + "\n")
        text.append("\n")
    text.rstrip()
    return text


class HelpScreen(Screen):
    BINDINGS = [Binding("q,escape,question_mark", "app.pop_screen", "Close")]

    def __init__(self, first: str | None = None) -> None:
        super().__init__()
        self.first = first

    def compose(self):
        localize_bindings(self, getattr(self.app, "lang", "en"))
        lang = getattr(self.app, "lang", "en")
        yield Static(t(lang, "help_title"), id="help-title")
        with VerticalScroll(id="help-body"):
            yield Static(key_table(lang, self.first), id="help-keys")
        yield Footer()
