"""`?`: every key the app answers to, grouped by where it works."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tutor.screens.strings import HEADINGS, KEYS, localize_bindings, t


def key_table(lang: str) -> Table:
    # No box: borders near keys like ← → would be misdrawn where arrows are wide.
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for group, rows in KEYS.items():
        en, zh = HEADINGS[group]
        table.add_row(Text(zh if lang == "zh" else en, style="bold underline"), "")
        for keys, what_en, what_zh in rows:
            table.add_row("  " + keys, what_zh if lang == "zh" else what_en)
        table.add_row("", "")
    return table


class HelpScreen(Screen):
    BINDINGS = [Binding("q,escape,question_mark", "app.pop_screen", "Close")]

    def compose(self):
        localize_bindings(self, getattr(self.app, "lang", "en"))
        lang = getattr(self.app, "lang", "en")
        yield Static(t(lang, "help_title"), id="help-title")
        with VerticalScroll(id="help-body"):
            yield Static(key_table(lang), id="help-keys")
        yield Footer()
