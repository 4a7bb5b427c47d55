"""A display formula: LaTeX laid out as terminal mathematics.

Uses tutor.mathtext.render_block; if the renderer is missing or fails, the raw
LaTeX is shown instead, so a formula never breaks a page.
"""
from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tutor.widgets.sized import sized_by_layout


def block_renderable(latex: str, width: int | None = None):
    """render_block(latex, width), or the LaTeX itself as plain text."""
    try:
        from tutor.mathtext import render_block
    except ImportError:
        return Text(latex)
    try:
        return render_block(latex, width)
    except Exception:  # the renderer promises not to raise; belt and braces
        return Text(latex)


def inline_text(latex: str) -> str:
    """render_inline(latex), or the LaTeX between $ signs."""
    try:
        from tutor.mathtext import render_inline
    except ImportError:
        return latex
    try:
        return render_inline(latex)
    except Exception:
        return latex


class Formula(Widget):
    """Shows one display formula; re-lays it out when its width changes."""

    virtual_size = sized_by_layout()   # no second layout on a page turn (widgets/sized.py)

    DEFAULT_CSS = """
    Formula {
        height: auto;
        width: 1fr;
        padding: 0 0 0 2;
    }
    """

    def __init__(self, latex: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._latex = latex
        self._measure_width: int | None = None

    @property
    def latex(self) -> str:
        return self._latex

    def set_latex(self, latex: str) -> None:
        if latex != self._latex:
            self._latex = latex
            self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        # Remember the width Textual measures with, so render lays out to it.
        if width != self._measure_width:
            self._measure_width = width
            self._content_height_cache = (None, 0)
        return super().get_content_height(container, viewport, width)

    def render(self):
        if not self._latex.strip():
            return Text("")
        # The measured width first: asking for content_size while the screen is being laid out made
        # Textual compute its whole widget map again, for every formula on a page (half an opened page's cost).
        width = self._measure_width or self.content_size.width or None
        return block_renderable(self._latex, width)
