r"""LaTeX laid out as readable terminal mathematics.

    render_block(latex, width=None) -> rich Text   2-D display math
    render_inline(latex) -> str                     one line of plain text
    problems(latex) -> list[str]                    what `dltutor check` reports

None of them raises: anything unreadable degrades to text and shows up in
problems(). Results are cached per formula (and width).

How it reads (decisions a reviewer may want to know):
- pylatexenc's LatexWalker parses (parse.py) into a small tree (nodes.py);
  block.py lays that out as boxes of cells (boxes.py), inline.py as one line.
- Scripts use Unicode sub/superscript characters when every character has
  one (x², wᵢⱼ, e⁻ᶻ); otherwise block raises/lowers them, inline writes
  x^(q+1). A subscript's own subscript is written level (out_{o_1} → outₒ₁).
- Inline fractions are a/b; the numerator is bracketed unless it is a plain
  product, the denominator unless it is one operand or a differential
  (∂E/∂w, d/dx). Read left to right: 1/2 x means (1/2)·x.
- Plain ( … ) pairs grow only around fractions and limits; \left … \right
  always grow. \color{c}{x} colours only x (as MathJax does); \color{c}
  alone colours the rest of its group. Bold is a Rich style, not a font.
- Too wide for `width`: break before =, then + −, then × ·, continuation
  lines under the first relation; if that still does not fit, the inline
  text is returned and Rich wraps it as prose.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rich.text import Text

from . import boxes as B
from .block import Ctx, _top_items, frame, layout, wrap_row
from .inline import render as _render_inline
from .nodes import Atom, Boxed, Node, Row, Table
from .parse import Parser

__all__ = ["render_block", "render_inline", "problems"]

_BEGIN = re.compile(r"\\begin\s*\{([^}]*)\}")
_END = re.compile(r"\\end\s*\{([^}]*)\}")


def _clean(latex) -> str:
    text = latex if isinstance(latex, str) else str(latex)
    text = text.strip()
    for fence in ("$$", "$"):
        if len(text) > 2 * len(fence) and text.startswith(fence) and text.endswith(fence):
            text = text[len(fence):-len(fence)].strip()
            break
    return text


@lru_cache(maxsize=4096)
def _parse(latex: str) -> tuple[Node, tuple[str, ...]]:
    parser = Parser()
    try:
        tree = parser.tree(latex)
    except Exception as exc:  # pylatexenc or a pathological nesting depth
        parser.problem(f"could not read the formula ({type(exc).__name__})")
        tree = Row([Atom(latex)])
    return tree, tuple(parser.problems)


def _brace_problems(latex: str) -> list[str]:
    out: list[str] = []
    depth, i = 0, 0
    while i < len(latex):
        ch = latex[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                out.append(f"unbalanced braces: '}}' at character {i + 1} closes nothing")
                depth = 0
        i += 1
    if depth:
        out.append(f"unbalanced braces: {depth} '{{' not closed")
    begins, ends = _BEGIN.findall(latex), _END.findall(latex)
    for name in sorted(set(begins) | set(ends)):
        if begins.count(name) != ends.count(name):
            out.append(f"\\begin{{{name}}} and \\end{{{name}}} do not pair up")
    return out


def problems(latex: str) -> list[str]:
    """What is wrong with a formula, in words; an empty list means it is fine."""
    try:
        text = _clean(latex)
        found = _brace_problems(text)
        found += [p for p in _parse(text)[1] if p not in found]
        return found
    except Exception as exc:  # never let a check crash the checker
        return [f"could not read the formula ({type(exc).__name__})"]


@lru_cache(maxsize=4096)
def _inline(latex: str) -> str:
    try:
        return " ".join(_render_inline(_parse(latex)[0]).split("\n")).strip()
    except Exception:
        return latex


def render_inline(latex: str) -> str:
    """One line of plain text (no colour), e.g. σ(z) = 1/(1 + e⁻ᶻ)."""
    try:
        return _inline(_clean(latex))
    except Exception:
        return str(latex)


def _wrapped(tree: Node, width: int) -> B.Box | None:
    while isinstance(tree, Row) and len(tree.items) == 1 and \
            isinstance(tree.items[0], (Row, Table, Boxed)):
        tree = tree.items[0]  # an aligned environment (or a box) that is the whole formula
    if isinstance(tree, Boxed):
        inner = _wrapped(tree.body, width - 4)
        return frame(inner, None) if inner is not None else None
    items = _top_items(tree)
    if items is not None:
        return wrap_row(items, width)
    if isinstance(tree, Table) and tree.kind in ("lines", "aligned"):
        lines = []
        for row in tree.rows:
            cells: list[Node] = []
            for cell in row:
                cells.extend(cell.items if isinstance(cell, Row) else [cell])
            box = layout(Row(cells))
            box = box if box.width <= width else wrap_row(cells, width)
            if box is None:
                return None
            lines.append(box)
        return B.vstack(lines, align="left", gap=1 if any(b.height > 1 for b in lines) else 0)
    return None


@lru_cache(maxsize=2048)
def _block(latex: str, width: int | None) -> Text:
    try:
        tree = _parse(latex)[0]
        box = layout(tree, Ctx())
        if width is not None and box.width > width:
            box = _wrapped(tree, width)
            if box is None:  # no layout fits: readable one-line text, wrapped by Rich
                return Text(_inline(latex), end="")
        return B.to_text(box)
    except Exception:
        return Text(latex, end="")


def render_block(latex: str, width: int | None = None) -> Text:
    """Display math laid out in two dimensions, as a Rich Text no wider than `width`."""
    try:
        text = _clean(latex)
        if width is not None:
            width = max(int(width), 1)
        return _block(text, width).copy()
    except Exception:
        return Text(str(latex), end="")
