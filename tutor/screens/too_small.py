"""Shown instead of a broken layout when the terminal is smaller than 60×20.

The app pushes it on a resize below the limit and pops it when the terminal
is large enough again, so the screen underneath reflows untouched.
"""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from tutor.screens.strings import t

MIN_WIDTH, MIN_HEIGHT = 60, 20    # the smallest terminal the app draws in


class TooSmallScreen(Screen):
    BINDINGS = [Binding("q,ctrl+c", "app.quit", "Quit", show=False)]
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; }
    TooSmallScreen #too-small { width: auto; height: auto; text-align: center; color: $warning; }
    """

    def compose(self):
        with Middle():
            with Center():
                yield Static(self._text(*self.app.size), id="too-small", markup=False)

    def _text(self, width: int, height: int) -> str:
        return t(getattr(self.app, "lang", "en"), "too_small", w=MIN_WIDTH, h=MIN_HEIGHT, cw=width, ch=height)

    def update_size(self, width: int, height: int) -> None:
        if self.is_mounted:
            self.query_one("#too-small", Static).update(self._text(width, height))
