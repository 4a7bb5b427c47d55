"""An analogy callout: the same idea in plain words, set apart from the maths.

A tinted background and a bar on the left only: a right border would be
pushed out of line by math symbols that some East-Asian terminals draw two
cells wide, while a left bar moves every row alike.
"""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from tutor.locale import t
from tutor.widgets.sized import sized_by_layout


class Analogy(Static):
    """The title and the prose in one widget: a container of two would compose its children after
    it is mounted, and every page turn would lay the screen out twice (measured: a third of a
    page turn's CPU)."""

    virtual_size = sized_by_layout()   # no second layout on a page turn (widgets/sized.py)

    COMPONENT_CLASSES = {"analogy--title"}
    DEFAULT_CSS = """
    Analogy {
        height: auto;
        margin: 1 0;
        padding: 0 1 0 1;
        background: $secondary 15%;
        border-left: outer $secondary;
    }
    Analogy > .analogy--title {
        text-style: bold italic;
        color: $text-secondary;
    }
    """

    def __init__(self, text: str, title: str | None = None, **kwargs) -> None:
        from tutor.widgets.page_text import Rendered, markdown

        super().__init__(**kwargs)
        self._text = text
        self._title = t("In plain words") if title is None else title
        self._body = Rendered(markdown(text))

    def render(self):          # (called on every layout and redraw: imports at the top)
        return Group(Text(self._title, style=self.get_component_rich_style("analogy--title")), self._body)
