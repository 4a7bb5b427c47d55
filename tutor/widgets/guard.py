"""Keep a broken panel from taking the app down.

Labs and quizzes bring their own widgets.  If one of them raises while
drawing, Textual would stop the whole app and print a traceback; instead the
widget draws a one-line notice in its place and the app tells the student once.

Every such catch (here, the Stepper's calls into panels, the lab screen) also calls
`panel_failed`, which logs the traceback: the student sees a notice, a server log or
a test sees the bug (tests/panel_guard.py fails any test that logs one).
"""
from __future__ import annotations

import logging

from rich.text import Text

from tutor.locale import t

log = logging.getLogger("dltutor.panels")
# Never let logging print over the TUI (its last resort writes to stderr, the terminal).
log.addHandler(logging.NullHandler())


def panel_failed(panel, exc: BaseException) -> None:
    """A panel raised and the student got a notice instead: keep the traceback for whoever reads logs."""
    log.error("%s failed: %s", type(panel).__name__, _reason(exc), exc_info=exc)


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


def _failed(node, exc, on_error) -> None:
    if not getattr(node, "_dltutor_logged", False):   # once per widget, not once per frame
        node._dltutor_logged = True
        panel_failed(node, exc)
    if on_error is not None:
        on_error(node, exc)


def _wrap_render(node, on_error) -> None:
    original = node.render

    def render():
        try:
            return original()
        except Exception as exc:
            _failed(node, exc, on_error)
            return Text(t("(this part could not be drawn: {reason})", reason=_reason(exc)), style="red")

    node.render = render


def _wrap_render_line(node, on_error) -> None:
    from textual.strip import Strip

    original = node.render_line

    def render_line(y: int):
        try:
            return original(y)
        except Exception as exc:
            _failed(node, exc, on_error)
            width = node.content_size.width
            if y == 0:
                text = Text(t("(this part could not be drawn: {reason})", reason=_reason(exc)), style="red")
                text.truncate(width)
                return Strip(list(text.render(node.app.console)), text.cell_len).extend_cell_length(width)
            return Strip.blank(width)

    node.render_line = render_line
