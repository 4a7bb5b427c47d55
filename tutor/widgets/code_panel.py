"""`c` in a lab: the engine code that computed the current step, beside its formula.

The source is read from the installed engine with `inspect` (what runs is what
is shown), highlighted with rich's Syntax, headed by its file and line
(`engine/layers.py:70`), with the lines that ran for this step marked.  The
stepper hands every step to `show(event, history)`; nothing is drawn while the
panel is hidden.
"""
from __future__ import annotations

import inspect
from pathlib import Path

from rich.console import Group
from rich.syntax import Syntax
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.locale import t
from tutor.widgets.steptrace import ENGINE, Ran, StepTrace

SHOWN = 3             # functions drawn in full
NAMED = 6             # then so many more named
CONTEXT = 3           # lines around the marked ones
MAX_LINES = 40        # of one function


def where(ran: Ran) -> str:
    """engine/layers.py:70 (the path from the package's parent folder)."""
    path = Path(ran.code.co_filename)
    root = Path(ENGINE).parent
    try:
        shown = path.relative_to(root)
    except ValueError:
        shown = Path(*path.parts[-3:])
    return f"{shown.as_posix()}:{ran.code.co_firstlineno}"


def source_of(ran: Ran, theme: str = "monokai"):
    """The function's source with the lines that ran highlighted, around those lines."""
    try:
        lines, start = inspect.getsourcelines(ran.code)
    except (OSError, TypeError):
        return Text(t("(the source of this function is not available)"), style="dim")
    end = start + len(lines) - 1
    marked = sorted(n for n in ran.lines if start <= n <= end)
    if marked:
        first, last = max(start, marked[0] - CONTEXT), min(end, marked[-1] + CONTEXT)
    else:
        first, last = start, end
    last = min(last, first + MAX_LINES - 1)
    return Syntax("".join(lines), "python", theme=theme, line_numbers=True, start_line=start,
                  line_range=(first - start + 1, last - start + 1), highlight_lines=set(marked), word_wrap=False)


def code_view(calls: list[Ran], theme: str = "monokai", followed: bool = True):
    if not followed:
        return Text(t("This step was taken while the code panel was closed: step on (→) and the code of each "
                      "step shows here; stepping back shows it again."), style="dim")
    if not calls:
        return Text(t("No engine code ran for this step (it was worked out before, or it only reports)."),
                    style="dim")
    calls = [r for r in calls if not r.code.co_name.startswith("<")]     # a comprehension is part of its function
    parts = []
    for ran in calls[:SHOWN]:
        parts.append(Text.assemble((where(ran), "bold"), "  ", (ran.code.co_qualname, "italic")))
        parts.append(source_of(ran, theme))
        parts.append(Text(""))
    rest = calls[SHOWN:]
    if rest:
        named = ", ".join(f"{r.code.co_qualname} ({where(r)})" for r in rest[:NAMED])
        parts.append(Text(t("Also ran: {functions}", functions=named + (", …" if len(rest) > NAMED else "")),
                          style="dim"))
    parts.append(Text(t("Marked: the lines that ran for this step."), style="dim"))
    return Group(*parts)


class CodePanel(VerticalScroll):
    DEFAULT_CSS = """
    CodePanel { width: 1fr; height: 1fr; padding: 0 1; border-left: tall $primary 30%; }
    CodePanel > #code-title { text-style: bold; }
    """

    def __init__(self, trace: StepTrace, **kwargs) -> None:
        super().__init__(**kwargs)
        self.trace = trace
        self.event = None
        self.shown = None              # what is drawn (a rich renderable)

    def compose(self):
        yield Static(t("The engine's code for this step"), id="code-title", markup=False)
        yield Static("", id="code-body")

    def show(self, event, history) -> None:
        self.event = event
        if self.display:
            self.redraw()

    def reset(self) -> None:
        self.event = None

    def redraw(self) -> None:
        if not self.children:
            return
        theme = "monokai" if self.app.current_theme.dark else "default"
        calls = self.trace.calls(self.event) if self.event is not None else []
        followed = self.event is None or self.trace.followed(self.event)
        self.shown = code_view(calls, theme, followed)
        self.query_one("#code-body", Static).update(self.shown)
        self.scroll_home(animate=False)
