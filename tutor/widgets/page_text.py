"""Lesson prose: Markdown with inline $…$ maths turned into terminal text.

Inline maths goes through tutor.mathtext.render_inline (one line, Unicode
sub- and superscripts) before the Markdown is laid out, so a formula wraps
with the sentence around it.  Rich measures every character in terminal
cells, so Chinese text lines up.
"""
from __future__ import annotations

import re
from functools import lru_cache

# $…$ but not $$…$$ and not an escaped \$.
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)((?:\\\$|[^$])+?)\$(?!\$)")
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
# {{2.0025|key}} shows as 2.0025 (the loader already does this; kept for safety).
FACT = re.compile(r"\{\{\s*([^|{}]+?)\s*\|[^{}]*\}\}")
# Characters Markdown would read as formatting inside rendered maths.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def with_inline_math(text: str) -> str:
    from tutor.widgets.formula import inline_text
    from tutor.widgets.linebreak import NO_BREAK_SPACE, join_cjk_lines

    def formula(match: re.Match) -> str:
        # No-break spaces keep a formula on one line (see linebreak.py).
        shown = inline_text(match.group(1).strip()).replace(" ", NO_BREAK_SPACE)
        return _MD_SPECIAL.sub(r"\\\1", shown)

    text = FACT.sub(lambda m: m.group(1), join_cjk_lines(text))
    return INLINE_MATH.sub(formula, text)


def split_display_math(text: str) -> list[tuple[str, str]]:
    """[("markdown", …), ("math", …), …] — display maths left inside prose."""
    parts: list[tuple[str, str]] = []
    pos = 0
    for match in DISPLAY_MATH.finditer(text):
        if text[pos:match.start()].strip():
            parts.append(("markdown", text[pos:match.start()]))
        parts.append(("math", match.group(1).strip()))
        pos = match.end()
    if text[pos:].strip():
        parts.append(("markdown", text[pos:]))
    return parts


_MARKDOWN = None


def _markdown_class():
    """Rich's Markdown with left-aligned headings (built once, on first use)."""
    global _MARKDOWN
    if _MARKDOWN is None:
        from rich.markdown import Heading, Markdown

        class LeftHeading(Heading):
            LEVEL_ALIGN = {**Heading.LEVEL_ALIGN, "h1": "left"}

        class LessonMarkdown(Markdown):
            elements = {**Markdown.elements, "heading_open": LeftHeading}

        _MARKDOWN = LessonMarkdown
    return _MARKDOWN


def markdown(text: str):
    """A Rich Markdown renderable of lesson prose, inline maths already laid out."""
    from tutor.widgets.linebreak import install

    install()   # Chinese-aware line breaking for the prose
    return _parsed(text)


# Parsing a paragraph (its inline maths, then Markdown) cost about 10 ms, on every page turn.
# Rendering never changes a parsed Markdown, so one parse serves every visit and every widget;
# the class server parses all lessons once before it forks an app per student (serve/zygote.py).
@lru_cache(maxsize=4096)
def _parsed(text: str):
    return _markdown_class()(with_inline_math(text), hyperlinks=False)


class Rendered:
    """A renderable's segments, kept per set of console options.

    Textual asks a Static for its content again on every layout and every redraw that touches it:
    opening or turning a page rendered each paragraph's Markdown a dozen times or more, a fifth of
    what a key press cost.  The text never changes, so the first rendering at a width serves the rest.
    """

    def __init__(self, renderable) -> None:
        self.renderable = renderable
        self._segments: dict[tuple, list] = {}

    def __rich_console__(self, console, options):
        # Rendered without a height: Textual measures the height first (no height), then draws at
        # that height, and crops or pads the lines itself; one rendering serves both.
        options = options.update(height=None)
        key = (id(console), options.max_width, options.justify, options.overflow,
               options.no_wrap, options.highlight, options.markup, options.legacy_windows, options.encoding)
        segments = self._segments.get(key)
        if segments is None:
            if len(self._segments) >= 8:          # a terminal resized many times
                self._segments.clear()
            segments = self._segments[key] = list(console.render(self.renderable, options))
        yield from segments

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement.get(console, options, self.renderable)
