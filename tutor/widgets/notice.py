"""A one-line notice inside a page (a missing quiz, a lab that cannot open…)."""
from __future__ import annotations

from textual.widgets import Static

from tutor.widgets.sized import sized_by_layout


class Notice(Static):
    DEFAULT_CSS = """
    Notice {
        height: auto;
        margin: 1 0;
        padding: 0 1;
        color: $text-warning;
        background: $warning 10%;
        border-left: outer $warning;
    }
    """

    virtual_size = sized_by_layout()   # no second layout on a page turn (widgets/sized.py)

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(text, markup=False, **kwargs)
