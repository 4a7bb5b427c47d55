"""An analogy callout: the same idea in plain words, set apart from the maths.

A tinted background and a bar on the left only: a right border would be
pushed out of line by math symbols that some East-Asian terminals draw two
cells wide, while a left bar moves every row alike.
"""
from __future__ import annotations

from textual.containers import Vertical
from textual.widgets import Static

from tutor.locale import t


class Analogy(Vertical):
    DEFAULT_CSS = """
    Analogy {
        height: auto;
        margin: 1 0;
        padding: 0 1 0 1;
        background: $secondary 15%;
        border-left: outer $secondary;
    }
    Analogy > .analogy-title {
        text-style: bold italic;
        color: $text-secondary;
    }
    """

    def __init__(self, text: str, title: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = text
        self._title = t("In plain words") if title is None else title

    def compose(self):
        from tutor.widgets.page_text import PageText

        yield Static(self._title, classes="analogy-title", markup=False)
        yield PageText(self._text)
