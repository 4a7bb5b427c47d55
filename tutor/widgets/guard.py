"""Keep a broken panel from taking the app down.

Labs and quizzes bring their own widgets.  If one of them raises while
drawing, Textual would stop the whole app and print a traceback; instead the
widget draws a one-line notice in its place and the app tells the student once.
"""
from __future__ import annotations

from rich.text import Text

from tutor.locale import t


def _reason(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def guard_rendering(widget, on_error=None) -> None:
    """Wrap `render` and `render_line` of widget and everything inside it."""
    for node in [widget, *widget.query("*")]:
        if getattr(node, "_dltutor_guarded", False):
            continue
        node._dltutor_guarded = True
        _wrap_render(node, on_error)
        _wrap_render_line(node, on_error)


def _wrap_render(node, on_error) -> None:
    original = node.render

    def render():
        try:
            return original()
        except Exception as exc:
            if on_error is not None:
                on_error(node, exc)
            return Text(t("(this part could not be drawn: {reason})", reason=_reason(exc)), style="red")

    node.render = render


def _wrap_render_line(node, on_error) -> None:
    from textual.strip import Strip

    original = node.render_line

    def render_line(y: int):
        try:
            return original(y)
        except Exception as exc:
            if on_error is not None:
                on_error(node, exc)
            width = node.content_size.width
            if y == 0:
                text = Text(t("(this part could not be drawn: {reason})", reason=_reason(exc)), style="red")
                text.truncate(width)
                return Strip(list(text.render(node.app.console)), text.cell_len).extend_cell_length(width)
            return Strip.blank(width)

    node.render_line = render_line
