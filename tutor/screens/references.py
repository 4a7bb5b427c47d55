"""`#` on a lesson page: the lessons the page refers to ([[id]] in its text), one to open.

The list names each lesson as the page shows it ("2.6 Backpropagation"); Enter or its
digit opens it on top of this page, so q comes back here.
"""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.locale import N_, t


def reference_lines(lessons, ids) -> list[tuple[str, str]]:
    """(id, "2.6 Backpropagation") for each id the list holds, in the page's order."""
    from tutor.content.refs import numbering

    numbers = numbering(lessons)
    titles = {lesson.id: lesson.title for lesson in lessons}
    return [(i, f"{numbers[i]} {titles[i]}") for i in ids if i in numbers]


class ReferencesScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ReferencesScreen { align: center middle; }
    ReferencesScreen > Vertical { width: 70; max-width: 90%; height: auto; padding: 1 2;
                                  border: thick $accent; background: $surface; }
    ReferencesScreen OptionList { height: auto; max-height: 12; margin: 1 0; }
    ReferencesScreen #references-keys { color: $text-muted; }
    """
    BINDINGS = [Binding("escape,q,number_sign", "close", N_("Close"))]

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self):
        with Vertical():
            yield Static(t("This page refers to:"), id="references-title", markup=False)
            yield OptionList(*(Option(f"{n}  {text}", id=i) for n, (i, text) in enumerate(self.lines, 1)),
                             id="references-list")
            yield Static(t("↑/↓ choose · Enter opens it · Escape closes"), id="references-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event) -> None:
        if event.character and event.character.isdigit() and 1 <= int(event.character) <= len(self.lines):
            event.stop()
            self.dismiss(self.lines[int(event.character) - 1][0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
