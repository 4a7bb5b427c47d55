"""A lesson's ```python block, highlighted, with the output it prints under it.

The app never runs this code (a lesson may come from a shared folder): the
tests run every block and compare what it prints with the output shown
(tests/test_lesson_code.py).  Long lines wrap at the widget's width instead of
running off the edge, and the colours follow the app's light or dark theme.
"""
from __future__ import annotations

from rich.syntax import Syntax
from rich.text import Text
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from tutor.locale import t


def theme_for(dark: bool) -> str:
    """The Pygments theme of the code: the same pair as the lab's code panel."""
    return "monokai" if dark else "default"


def highlighted(code: str, dark: bool = True) -> Syntax:
    return Syntax(code, "python", theme=theme_for(dark), word_wrap=True, padding=(0, 1))


class CodeView(Widget):
    """The highlighted source; drawn again when the theme changes (render reads it)."""

    DEFAULT_CSS = """
    CodeView { height: auto; width: 1fr; }
    """

    def __init__(self, code: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.code = code

    def render(self):
        return highlighted(self.code, self.app.current_theme.dark)


class LessonCode(Vertical):
    DEFAULT_CSS = """
    LessonCode {
        height: auto;
        margin: 1 0;
    }
    LessonCode > .code-output-title {
        color: $text-muted;
        text-style: italic;
        margin: 1 0 0 1;
    }
    LessonCode > .code-output {
        padding: 0 1;
        border-left: outer $secondary;
        margin: 0 0 0 1;
    }
    """

    def __init__(self, code: str, output: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.code = code
        self.output = output

    def compose(self):
        yield CodeView(self.code, classes="code-source")
        if self.output is not None:
            yield Static(t("Output"), classes="code-output-title", markup=False)
            yield Static(Text(self.output or " ", overflow="fold"), classes="code-output", markup=False)
