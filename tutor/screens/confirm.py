"""A yes/no question over the screen (resetting progress): y says yes, n or Escape no."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.locale import N_, t


class ConfirmScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 60; max-width: 90%; height: auto; padding: 1 2;
                               border: thick $warning; background: $surface; }
    ConfirmScreen #confirm-keys { margin: 1 0 0 0; color: $text-muted; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape,q", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self):
        with Vertical():
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(t("y: yes · n or Escape: no"), id="confirm-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
