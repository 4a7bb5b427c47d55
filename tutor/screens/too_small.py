"""Shown instead of a broken layout when the terminal is smaller than 60×20.

The app pushes it on a resize below the limit and pops it when the terminal
is large enough again, so the screen underneath reflows untouched.
"""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Center, Middle
from textual.widgets import Static

from tutor.locale import N_, t
from tutor.screens.base import TutorScreen

MIN_WIDTH, MIN_HEIGHT = 60, 20    # the smallest terminal the app draws in


class TooSmallScreen(TutorScreen):
    BINDINGS = [Binding("q,ctrl+c", "app.quit", N_("Quit"), show=False)]
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; }
    TooSmallScreen #too-small { width: auto; height: auto; text-align: center; color: $warning; }
    """

    def compose(self):
        with Middle():
            with Center():
                yield Static(self._text(*self.app.size), id="too-small", markup=False)

    def _text(self, width: int, height: int) -> str:
        return t("Please enlarge the terminal to at least {w}×{h}.\n(now {cw}×{ch})",
                 w=MIN_WIDTH, h=MIN_HEIGHT, cw=width, ch=height)

    def update_size(self, width: int, height: int) -> None:
        if self.is_mounted:
            self.query_one("#too-small", Static).update(self._text(width, height))
