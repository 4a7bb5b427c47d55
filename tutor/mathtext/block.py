"""The tree laid out in two dimensions (display math), as boxes of cells."""
from __future__ import annotations

from typing import NamedTuple

from . import boxes as B
from . import symbols as S
from .boxes import Box
from .inline import accented, unicode_script
from .inline import render as inline_render
from .nodes import Accent, Arrow, Atom, Boxed, Fenced, Frac, Node, Row, Scripts, Sqrt, Styled, Table, Under
from .spacing import classes, gaps


class Ctx(NamedTuple):
    style: str | None = None   # Rich style: colour, bold
    font: str | None = None    # cal / bb letters
    display: bool = True       # limits above and below ∑ (not inside fractions, scripts)
    tight: bool = False        # no spaces around operators (inside scripts)

    def inner(self) -> "Ctx":
        return self._replace(display=False)

    def script(self) -> "Ctx":
        return self._replace(display=False, tight=True)


def _join(a: str | None, b: str | None) -> str | None:
    return f"{a} {b}" if a and b else (a or b)


def layout(node: Node | None, ctx: Ctx = Ctx()) -> Box:
    if node is None:
        return B.blank()
    kind = type(node)
    if kind is Atom:
        if node.cls == S.SPACE:
            return B.blank(node.size)
        text = node.text
        if ctx.font in ("cal", "bb", "frak"):
            text = "".join(S.font_char(ch, ctx.font) for ch in text)
        return B.text(text, ctx.style)
    if kind is Row:
        return layout_row(node.items, ctx)
    if kind is Styled:
        style = ctx.style
        if node.font == "bold":
            style = _join(style, "bold")
        if node.color:
            style = _join(style, node.color)
        font = node.font if node.font in ("cal", "bb", "frak") else ctx.font
        return layout(node.body, ctx._replace(style=style, font=font))
    if kind is Scripts:
        return layout_scripts(node, ctx)
    if kind is Frac:
        return layout_frac(node, ctx)
    if kind is Sqrt:
        return layout_sqrt(node, ctx)
    if kind is Fenced:
        body = layout(node.body, ctx)
        if node.auto and body.height <= 2:  # a lowered subscript is no reason to grow
            return B.hcat([B.text(node.left, ctx.style), body, B.text(node.right, ctx.style)])
        return fence(body, node.left, node.right, ctx.style)
    if kind is Table:
        return layout_table(node, ctx)
    if kind is Accent:
        return layout_accent(node, ctx)
    if kind is Under:
        return layout_under(node, ctx)
    if kind is Boxed:
        return frame(layout(node.body, ctx), ctx.style)
    if kind is Arrow:
        return layout_arrow(node, ctx)
    return B.blank()


def layout_row(items: list[Node], ctx: Ctx) -> Box:
    if not items:
        return B.blank()
    return B.hcat([layout(i, ctx) for i in items], gaps(items, ctx.tight))


def _limits(node: Scripts, ctx: Ctx) -> bool:
    if node.limits is not None:
        return node.limits
    if not ctx.display:
        return False
    base = node.base
    while isinstance(base, (Row, Styled)):
        if isinstance(base, Styled):
            base = base.body
        elif len(base.items) == 1:
            base = base.items[0]
        else:
            break
    if isinstance(base, Atom):
        return (base.cls == S.BIG and base.text not in S.SIDE_LIMITS) or \
            (base.cls == S.FUNC and base.text in S.LIMIT_FUNCS)
    return False


def _script_box(node: Node, table: dict, ctx: Ctx) -> tuple[Box, bool]:
    """(box, is_unicode): x² stays on the line; anything else is laid out small-and-2-D."""
    uni = unicode_script(node, table)
    if uni is not None:
        return B.text(uni, ctx.style), True
    return layout(node, ctx.script()), False


def _empty(node: Node | None) -> bool:
    return node is None or (isinstance(node, Row) and not node.items)


def layout_scripts(node: Scripts, ctx: Ctx) -> Box:
    if _empty(node.sub) and _empty(node.sup):  # x^ with nothing after: reported, not drawn
        return layout(node.base, ctx)
    if ctx.tight and not _limits(node, ctx):  # a script inside a script stays on its line: k_w−1
        return B.text(inline_render(node, ctx.font, tight=True), ctx.style)
    node = Scripts(node.base, None if _empty(node.sub) else node.sub,
                   None if _empty(node.sup) else node.sup, node.limits)
    base = layout(node.base, ctx)
    if _limits(node, ctx):
        parts = [base]
        index = 0
        if node.sup is not None:
            parts.insert(0, layout(node.sup, ctx.script()))
            index = 1
        if node.sub is not None:
            parts.append(layout(node.sub, ctx.script()))
        return B.vstack(parts, baseline_of=index)
    sup = _script_box(node.sup, S.SUP, ctx) if node.sup is not None else None
    sub = _script_box(node.sub, S.SUB, ctx) if node.sub is not None else None
    if sup and sub and sup[1] and sub[1] and base.height == 1:
        line = B.hcat([sub[0], sup[0]])  # xᵢ² on one line
        return B.hcat([base, line])
    parts = [(base, 0, 0)]
    width = base.width
    if sup:
        box, uni = sup
        y = 0 if uni else -box.height
        parts.append((box, base.width, y))
        width = max(width, base.width + box.width)
    if sub:
        box, uni = sub
        y = base.height - 1 if uni else base.height
        parts.append((box, base.width, y))
        width = max(width, base.width + box.width)
    top = min(y for _, _, y in parts)
    bottom = max(y + b.height for b, _, y in parts)
    shifted = [(b, x, y - top) for b, x, y in parts]
    return B.place(shifted, width, bottom - top, base.baseline - top)


def layout_frac(node: Frac, ctx: Ctx) -> Box:
    inner = ctx.inner()
    num, den = layout(node.num, inner), layout(node.den, inner)
    width = max(num.width, den.width, 1)
    if not node.bar:
        return B.vstack([num, den], baseline_of=0)
    bar = B.text("─" * width, ctx.style)
    box = B.vstack([num, bar, den], baseline_of=1)
    return box


def layout_sqrt(node: Sqrt, ctx: Ctx) -> Box:
    body = layout(node.body, ctx)
    w, h = body.width, body.height
    style = ctx.style
    index = inline_render(node.index) if node.index is not None else ""
    sign = {"3": "∛", "4": "∜"}.get(index.strip())
    if sign:
        index = ""
    if h == 1:
        box = B.place([(B.text("_" * w, style), 1, 0), (B.text(sign or "√", style), 0, 1),
                       (body, 1, 1)], w + 1, 2, 1)
    else:
        parts = [(B.text("_" * w, style), h + 1, 0), (body, h + 1, 1)]
        for k in range(h):
            parts.append((B.text("╱", style), h - k, 1 + k))
        parts.append((B.text("╲", style), 0, h))
        box = B.place(parts, w + h + 1, h + 1, body.baseline + 1)
    if index:
        return _with_index(B.text(index, style), box)
    return box


def _with_index(index: Box, root: Box) -> Box:
    """The root's index sits above the start of the radical sign."""
    parts = [(index, 0, 0), (root, index.width, 1)]
    return B.place(parts, index.width + root.width, root.height + 1, root.baseline + 1)


def tall(delim: str, height: int, style: str | None) -> Box:
    """A delimiter `height` rows tall, drawn with bracket pieces."""
    if not delim:
        return B.Box([[] for _ in range(height)], 0)
    if height == 1:
        return B.text(delim, style)
    top, ext, bottom, centre = S.TALL.get(delim, (delim, delim, delim, None))
    pieces = [ext] * height
    pieces[0], pieces[-1] = top, bottom
    if centre and height >= 3:
        pieces[(height - 1) // 2] = centre
    return B.Box([[(p, style)] for p in pieces], 1)


def fence(body: Box, left: str, right: str, style: str | None) -> Box:
    h = body.height
    lbox, rbox = tall(left, h, style), tall(right, h, style)
    lbox.baseline = rbox.baseline = body.baseline if h > 1 else 0
    return B.hcat([lbox, body, rbox])


def layout_table(node: Table, ctx: Ctx) -> Box:
    cell_ctx = ctx if node.kind in ("aligned", "lines") else ctx.inner()
    grid = [[layout(c, cell_ctx) for c in row] for row in node.rows]
    ncols = max((len(r) for r in grid), default=0)
    if ncols == 0:
        return B.blank()
    widths = [max((r[c].width for r in grid if c < len(r)), default=0) for c in range(ncols)]

    def align(col: int) -> str:
        if node.kind == "matrix":
            return "center"
        if node.kind == "aligned":
            return "right" if col % 2 == 0 and ncols > 1 else "left"
        return "left"

    def gap_before(col: int) -> int:
        if col == 0:
            return 0
        if node.kind == "aligned":
            return 1 if col % 2 else 2
        return 2 if node.kind == "matrix" else 3

    lines = []
    for row in grid:
        cells = []
        for col in range(ncols):
            box = row[col] if col < len(row) else B.blank()
            pad = widths[col] - box.width
            if align(col) == "right":
                box = B.hcat([B.blank(pad), box])
            elif align(col) == "center":
                box = B.hcat([B.blank(pad // 2), box, B.blank(pad - pad // 2)])
            else:
                box = B.hcat([box, B.blank(pad)])
            cells.append(box)
        lines.append(B.hcat(cells, [gap_before(c) for c in range(ncols)]))
    row_gap = 1 if any(line.height > 1 for line in lines) and node.kind != "cases" else 0
    body = B.vstack(lines, align="left", gap=row_gap)
    body.baseline = (body.height - 1) // 2
    if node.kind in ("matrix", "cases") and (node.left or node.right):
        return fence(body, node.left, node.right, ctx.style)
    return body


def layout_accent(node: Accent, ctx: Ctx) -> Box:
    body = layout(node.body, ctx)
    if body.height == 1 and body.lines[0]:
        runs = list(body.lines[0])
        for k, (t, style) in enumerate(runs):
            if t.strip():
                lead = len(t) - len(t.lstrip())
                runs[k] = (t[:lead] + accented(t[lead:], node.mark), style)
                break
        return B.Box([runs], body.width, 0)
    mark = S.ACCENT_LINE.get(node.mark, "^")
    if mark == "→":
        line = "─" * (body.width - 1) + "→"
    else:
        line = mark * body.width if mark in "_~" else mark
    return B.vstack([B.text(line, ctx.style), body], baseline_of=1)


def layout_under(node: Under, ctx: Ctx) -> Box:
    body = layout(node.body, ctx)
    w = max(body.width, 3)
    if w >= 3:
        left = (w - 1) // 2
        mid = "┴" if node.over else "┬"
        ends = ("╭", "╮") if node.over else ("╰", "╯")
        brace = ends[0] + "─" * (left - 1) + mid + "─" * (w - left - 2) + ends[1]
    else:
        brace = "─" * max(w, 1)
    brace_box = B.text(brace, ctx.style)
    if node.label is None:
        parts = [brace_box, body] if node.over else [body, brace_box]
        return B.vstack(parts, baseline_of=1 if node.over else 0)
    label = layout(node.label, ctx.script())
    if node.over:
        return B.vstack([label, brace_box, body], baseline_of=2)
    return B.vstack([body, brace_box, label], baseline_of=0)


def frame(body: Box, style: str | None) -> Box:
    w = body.width + 2
    top = B.text("┌" + "─" * w + "┐", style)
    bottom = B.text("└" + "─" * w + "┘", style)
    side = B.Box([[("│", style)] for _ in range(body.height)], 1, body.baseline)
    middle = B.hcat([side, body, side], [0, 1, 1])
    return B.vstack([top, middle, bottom], baseline_of=1)


def layout_arrow(node: Arrow, ctx: Ctx) -> Box:
    if node.label is None:
        return B.text(node.arrow, ctx.style)
    label = layout(node.label, ctx.script())
    n = max(label.width + 2, 3)
    shaft = "─" * (n - 1)
    arrow = shaft + node.arrow if node.arrow in "→⇒↦" else node.arrow + shaft
    return B.vstack([label, B.text(arrow, ctx.style)], baseline_of=1)


# --- wrapping a too-wide formula at its top-level = + − -------------------------------------
def _top_items(node: Node) -> list[Node] | None:
    if isinstance(node, Row):
        if len(node.items) == 1 and isinstance(node.items[0], Row):
            return _top_items(node.items[0])
        return node.items
    return None


def wrap_row(items: list[Node], width: int, ctx: Ctx = Ctx()) -> Box | None:
    """Break before top-level relations and binary operators; None if it cannot fit.
    Continuation lines start under the first relation, or 2 cells in if that is too far."""
    return _wrap(items, width, ctx, None) or _wrap(items, width, ctx, 2)


STATEMENT = 4       # break priority at the start of a statement in a list (above = ≈ ←)


def _priority(item: Node, cls: str) -> int:
    """Where a line may break: before = ≈ ← first, then + −, then × · (0: never)."""
    if cls == S.REL:
        return 3
    if cls == S.BIN:
        return 2 if isinstance(item, Atom) and item.text in "+−±∓" else 1
    return 0


def _wrap(items: list[Node], width: int, ctx: Ctx, fixed_indent: int | None) -> Box | None:
    boxes = [layout(i, ctx) for i in items]
    spaces = gaps(items)
    cls = classes(items)
    prio = [_priority(item, c[0]) if k else 0 for k, (item, c) in enumerate(zip(items, cls))]
    for k in range(2, len(items)):
        # "…, \quad 6 = …": a new statement of a list starts here; break here first, and
        # start it at the left edge, not hanging under the previous statement's relation
        if cls[k - 1][0] == S.SPACE and cls[k - 2][0] == S.PUNCT:
            prio[k] = STATEMENT
    lines: list[tuple[int, int]] = []
    start, x, best, best_rank = 0, 0, None, 0.0  # best: the preferred break on this line
    indent = 0
    k = 0
    while k < len(items):
        w = (spaces[k] if k > start else 0) + boxes[k].width
        limit = width - (indent if lines and prio[start] != STATEMENT else 0)
        if x + w > limit and best is not None:
            lines.append((start, best))
            if len(lines) == 1:
                indent = fixed_indent if fixed_indent is not None else \
                    _indent(items, boxes, spaces, cls, start, best, width)
            start, x, best, best_rank = best, 0, None, 0.0
            k = start
            continue
        if prio[k] and k > start:
            # a break that would leave a stub of a first line (just "L") ranks last
            rank = prio[k] if x >= limit // 3 else 0.5
            if best is None or rank >= best_rank:
                best, best_rank = k, rank
        x += w
        k += 1
    lines.append((start, len(items)))
    out = []
    for n, (a, b) in enumerate(lines):
        line = B.hcat(boxes[a:b], [0] + spaces[a + 1:b])
        if n and prio[a] != STATEMENT:
            line = B.hcat([B.blank(indent), line])
        if line.width > width:
            return None
        out.append(line)
    return B.vstack(out, align="left", gap=1 if any(line.height > 1 for line in out) else 0)


def _indent(items, boxes, spaces, cls, a, b, width) -> int:
    """Continuation lines start under the first relation (= ≈ ←) when it is near the left."""
    x = 0
    for k in range(a, b):
        x += spaces[k] if k > a else 0
        if cls[k][0] == S.REL:
            return x if x <= width // 3 else 2
        x += boxes[k].width
    return 2
