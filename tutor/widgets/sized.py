"""A page's leaf widgets are sized by the layout itself: their new size asks for no second layout.

Textual's `Widget.virtual_size` is a reactive with `layout=True`: when a layout gives a widget a
new size, setting it asks for another layout of the whole screen. A scrolling container needs that
(its scroll bars follow its content), but prose, a formula or an analogy has no scroll bars and
nothing inside to place: the second layout changed nothing, and on every page turn it cost a
quarter to a third of what the key cost (measured: about 4-9 ms after a 12 ms first layout).
"""
from __future__ import annotations

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static


def sized_by_layout() -> Reactive:
    """`virtual_size = sized_by_layout()` in a widget that never scrolls: a repaint, no relayout."""
    return Reactive(Size(0, 0), layout=False)


class Line(Static):
    """A Static that never scrolls (a quiz's question, option or verdict): sized by the layout."""

    virtual_size = sized_by_layout()


class Column(Vertical):
    """A column as tall as its content (height auto, no scroll bars): sized by the layout."""

    virtual_size = sized_by_layout()


class Row(Horizontal):
    """A row of fixed height that never scrolls (a screen's title bar): sized by the layout."""

    virtual_size = sized_by_layout()


class PageScroll(VerticalScroll):
    """A lesson page's scrolling column: its content's new height moves the scroll bar, no layout.

    The scroll bar's thumb follows the virtual size without a layout; a scroll bar that appears or
    goes away still asks for one (its `display` changes), so only the layout that changed nothing
    is saved.
    """

    virtual_size = sized_by_layout()
