"""What a page gives to read — prose, formulas, analogies, pictures, notices — drawn as one widget.

A widget per paragraph cost every page turn a mount, a style and a place in the layout for each
(Textual's fixed work per widget, paid by a class of 40 at once): a page's reading is one widget,
and only what takes keys (a lab link, a quiz, a code block) is a widget of its own.

Each part keeps the look it had as a widget: the same margins (collapsed between parts as Textual
collapses them between widgets), a formula set in two cells, an analogy, a picture or a notice as a
tinted callout with a bar on its left.  The colours come from the component classes below, so
they follow the theme.  A bar on the left only: a right border would be pushed out of line by
maths symbols that some East-Asian terminals draw two cells wide, while a left bar moves every
row alike.
"""
from __future__ import annotations

from rich.console import Group
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tutor.widgets.formula import block_renderable
from tutor.widgets.page_text import Rendered, markdown
from tutor.widgets.sized import sized_by_layout

# The kinds of page part a PageBody draws from the lesson (lesson.page_parts); it also draws notices.
READING = ("prose", "math", "analogy", "demo")
# The blank lines above and below each kind of part, as the widgets had them (top, bottom).
MARGINS = {"prose": (0, 1), "math": (0, 1), "analogy": (1, 1), "demo": (1, 1), "notice": (1, 1),
           "up-next": (1, 1)}
# A callout's bar: the left half of a cell, as Textual draws `border-left: outer`.
BAR = "▌"


class FormulaPart:
    """A display formula, laid out at the width it is drawn in, two cells in from the left."""

    INDENT = 2

    def __init__(self, latex: str) -> None:
        self.latex = latex

    def __rich_console__(self, console, options):
        width = max(1, options.max_width - self.INDENT)
        indent = Segment(" " * self.INDENT)
        formula = block_renderable(self.latex, width)      # laid out once per width (mathtext's cache)
        for line in console.render_lines(formula, options.update_width(width), pad=False):
            yield indent
            yield from line
            yield Segment.line()


class Callout:
    """`body` on a tinted background, a bar on its left and a cell of space either side."""

    def __init__(self, body, background: Style, bar: Style) -> None:
        self.body, self.background, self.bar = body, background, bar

    def __rich_console__(self, console, options):
        width = max(1, options.max_width - 3)
        bar = Segment(BAR, self.bar + Style(bgcolor=self.background.bgcolor))
        space = Segment(" ", self.background)
        lines = console.render_lines(self.body, options.update(width=width, height=None),
                                     style=self.background, pad=True)
        for line in lines:
            yield bar
            yield space
            yield from line
            yield space
            yield Segment.line()


class PageBody(Widget):
    """A run of a page's reading parts: `parts` is [(kind, text)], kind one of MARGINS."""

    virtual_size = sized_by_layout()   # never scrolls: no second layout on a page turn (widgets/sized.py)

    COMPONENT_CLASSES = {
        "page-body--analogy", "page-body--analogy-bar", "page-body--analogy-title",
        "page-body--demo", "page-body--demo-bar",
        "page-body--notice", "page-body--notice-bar",
        "page-body--up-next", "page-body--up-next-bar",
    }
    DEFAULT_CSS = """
    PageBody { height: auto; width: 1fr; }
    PageBody > .page-body--analogy { background: $secondary 15%; }
    PageBody > .page-body--analogy-bar { color: $secondary; }
    PageBody > .page-body--analogy-title { text-style: bold italic; color: $text-secondary; }
    PageBody > .page-body--demo { background: $primary 10%; }
    PageBody > .page-body--demo-bar { color: $primary; }
    PageBody > .page-body--notice { color: $text-warning; background: $warning 10%; }
    PageBody > .page-body--notice-bar { color: $warning; }
    PageBody > .page-body--up-next { color: $text-accent; text-style: bold; }
    PageBody > .page-body--up-next-bar { color: $accent; }
    """

    def __init__(self, parts: list[tuple[str, str]], titles: dict[str, str] | None = None, **kwargs) -> None:
        """`titles`: the heading of each kind of callout that has one ("analogy", "demo")."""
        super().__init__(**kwargs)
        self.parts = list(parts)
        self.titles = dict(titles or {})
        self._drawn = None
        # The first part's space above and the last one's below are the widget's margins, so
        # they collapse with the widgets around it (a lab link, a quiz) as before.
        self.styles.margin = (MARGINS[self.parts[0][0]][0], 0, MARGINS[self.parts[-1][0]][1], 0) \
            if self.parts else (0, 0, 0, 0)

    def notify_style_update(self) -> None:
        self._drawn = None           # the theme changed: the callouts' colours with it
        super().notify_style_update()

    def render(self):
        # The whole body's lines are kept per width (Rendered): its parts need no cache of their own.
        if self._drawn is None:
            self._drawn = Rendered(Group(*self._renderables()))
        return self._drawn

    def _renderables(self) -> list:
        shown: list = []
        below = 0
        for index, (kind, text) in enumerate(self.parts):
            above = MARGINS[kind][0]
            if index:                             # margins collapse: the larger of the two
                shown += [Text("")] * max(below, above)
            shown.append(self._part(kind, text))
            below = MARGINS[kind][1]
        return shown

    def _part(self, kind: str, text: str):
        if kind == "prose":
            return markdown(text)
        if kind == "math":
            return FormulaPart(text)
        style = self.get_component_rich_style
        if kind in ("analogy", "demo"):
            body = Group(Text(self.titles.get(kind, ""), style=style("page-body--analogy-title", partial=True)),
                         markdown(text))
            return Callout(body, style(f"page-body--{kind}"), style(f"page-body--{kind}-bar", partial=True))
        # a notice or the up-next line: plain text, never read as markup
        return Callout(Text(text), style(f"page-body--{kind}"), style(f"page-body--{kind}-bar", partial=True))
