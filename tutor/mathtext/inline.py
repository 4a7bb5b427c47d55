"""The tree as one line of text: Unicode scripts where they exist, a/b with the
parentheses precedence needs, and plain fallbacks (x^(n+1), w_(ij)) otherwise."""
from __future__ import annotations

import unicodedata

from rich.cells import cell_len

from . import symbols as S
from .nodes import Accent, Arrow, Atom, Boxed, Fenced, Frac, Node, Row, Scripts, Sqrt, Styled, Table, Under
from .spacing import UNARY, classes, gaps

_DIFFERENTIALS = {"∂", "d", "δ", "∇", "Δ"}
_CONDITION_WORDS = ("otherwise", "else", "if", "when", "for", "其他", "其它", "否则", "当", "若", "如果")


def items_of(node: Node) -> list[Node]:
    """Top-level items of a node, looking through groups and styles; spaces dropped."""
    while True:
        if isinstance(node, Styled):
            node = node.body
        elif isinstance(node, Row) and len(node.items) == 1:
            node = node.items[0]
        else:
            break
    items = node.items if isinstance(node, Row) else [node]
    return [i for i in items if not (isinstance(i, Atom) and i.cls == S.SPACE)]


def is_atomic(node: Node) -> bool:
    """Reads as one operand without parentheses: x, 42, ŷ, (a+b), x², f(x)?"""
    items = items_of(node)
    if len(items) != 1:
        return False
    item = items[0]
    if isinstance(item, Atom):
        return item.cls in (S.ORD, S.FUNC) and item.text != ""
    if isinstance(item, (Fenced, Table, Sqrt)):
        return True
    if isinstance(item, Scripts):
        return not (isinstance(item.base, Atom) and item.base.cls == S.BIG) and is_atomic(item.base)
    if isinstance(item, Accent):
        return is_atomic(item.body)
    return False


def _is_product(items: list[Node]) -> bool:
    """Only juxtaposed operands (no +, −, =, ∑, fractions, functions at top level)."""
    for (left, _), item in zip(classes(items), items):
        if left in (S.BIN, S.REL, S.PUNCT, S.BIG, S.FUNC, S.INNER):
            return False
        if isinstance(item, (Frac, Arrow, Under)):
            return False
        if isinstance(item, Scripts) and not is_atomic(item):
            return False
    return True


def numerator_is_safe(node: Node) -> bool:
    items = items_of(node)
    if not items:
        return True
    cls = classes(items)
    if cls[0][0] == UNARY:  # −2/n reads right
        items = items[1:]
    return _is_product(items)


def _bars(items: list[Node]) -> bool:
    """|B| or ‖x‖: bars that close what they open read as one operand."""
    ends = [i.text if isinstance(i, Atom) else "" for i in (items[0], items[-1])]
    inner = [i for i in items[1:-1] if isinstance(i, Atom) and i.text in ("|", "‖")]
    return len(items) >= 3 and ends[0] == ends[1] and ends[0] in ("|", "‖") and not inner \
        and _is_product(items[1:-1])


def denominator_is_safe(node: Node) -> bool:
    items = items_of(node)
    if len(items) <= 1:
        return not items or is_atomic(items[0])
    if _bars(items):
        return True
    first = items[0]
    if isinstance(first, Atom) and first.text in _DIFFERENTIALS:  # ∂E/∂w, d/dx
        return _is_product(items[1:])
    return False


def _powered_group(node: Node) -> bool:
    items = items_of(node)
    return len(items) == 1 and isinstance(items[0], Scripts) and isinstance(items[0].base, Fenced)


def base_needs_parens(node: Node) -> bool:
    items = items_of(node)
    if len(items) == 1 and isinstance(items[0], Atom):
        return False
    if len(items) == 1 and isinstance(items[0], (Frac, Sqrt)):
        return True
    return bool(items) and not is_atomic(node)


def script_text(node: Node) -> str:
    return render(node, tight=True)


def flat_subscript(node: Node) -> str:
    """A subscript's text with its own subscripts written level (out_{o_1} → o1)."""
    if isinstance(node, Scripts) and node.sup is None and node.sub is not None:
        return flat_subscript(node.base) + flat_subscript(node.sub)
    if isinstance(node, Row):
        return render_row([_Flat(i) if isinstance(i, Scripts) else i for i in node.items],
                          tight=True)
    if isinstance(node, _Flat):
        return flat_subscript(node.node)
    return render(node, tight=True)


class _Flat(Node):
    """A wrapper so render_row spaces a flattened subscript like the script itself."""
    __slots__ = ("node",)

    def __init__(self, node: Node):
        self.node = node

    @property
    def left_cls(self):
        return self.node.left_cls

    @property
    def right_cls(self):
        return self.node.right_cls


def unicode_script(node: Node, table: dict[str, str]) -> str | None:
    """The script in Unicode sub/superscript characters, if every character has one."""
    uni = S.to_script(script_text(node), table)
    if uni is None and table is S.SUB:
        uni = S.to_script(flat_subscript(node), table)
    return uni


def script_part(node: Node, table: dict[str, str], mark: str) -> str:
    uni = unicode_script(node, table)
    if uni is not None:
        return uni
    text = script_text(node)
    items = items_of(node)
    if len(items) == 1 and (isinstance(items[0], (Atom, Fenced))):
        return mark + text
    return f"{mark}({text})"


def _font(text: str, font: str | None) -> str:
    if font in ("cal", "bb", "frak"):
        return "".join(S.font_char(ch, font) for ch in text)
    return text


def accented(text: str, mark: str) -> str:
    """Put a combining mark on the first character (on every one for a bar over all)."""
    if not text:
        return text
    if mark in ("\u0305", "\u0332"):
        return unicodedata.normalize("NFC", "".join(ch + mark for ch in text))
    return unicodedata.normalize("NFC", text[0] + mark) + text[1:]


def _empty(node: Node | None) -> bool:
    return node is None or (isinstance(node, Row) and not node.items)


def render(node: Node | None, font: str | None = None, tight: bool = False) -> str:
    if node is None:
        return ""
    if isinstance(node, Atom):
        return _font(node.text, font)
    if isinstance(node, Row):
        return render_row(node.items, font, tight)
    if isinstance(node, Styled):
        return render(node.body, node.font or font, tight)
    if isinstance(node, Scripts):
        base = render(node.base, font, tight)
        if base and base_needs_parens(node.base):
            base = f"({base})"
        sub = script_part(node.sub, S.SUB, "_") if not _empty(node.sub) else ""
        sup = script_part(node.sup, S.SUP, "^") if not _empty(node.sup) else ""
        return base + sub + sup
    if isinstance(node, Frac):
        num, den = render(node.num, font), render(node.den, font)
        if not node.bar:
            return f"{num} choose {den}"
        if not numerator_is_safe(node.num):
            num = f"({num})"
        if not denominator_is_safe(node.den):
            den = f"({den})"
        return f"{num}/{den}"
    if isinstance(node, Sqrt):
        body = render(node.body, font)
        if not is_atomic(node.body) or _powered_group(node.body):  # √((x + 1)²)
            body = f"({body})"
        index = render(node.index, font) if node.index is not None else ""
        sign = {"": "√", "2": "√", "3": "∛", "4": "∜"}.get(index)
        if sign is None:
            sign = (S.to_script(index, S.SUP) or f"({index})") + "√"
        return sign + body
    if isinstance(node, Fenced):
        return node.left + render(node.body, font, tight) + node.right
    if isinstance(node, Table):
        return render_table(node, font)
    if isinstance(node, Accent):
        return accented(render(node.body, font, tight), node.mark)
    if isinstance(node, Under):
        body = render(node.body, font, tight)
        if node.label is None:
            return body
        return f"{body} [{render(node.label, font)}]"
    if isinstance(node, Boxed):
        return render(node.body, font, tight)
    if isinstance(node, _Flat):
        return flat_subscript(node.node)
    if isinstance(node, Arrow):
        if node.label is None:
            return node.arrow
        label = render(node.label, font, tight=True)
        return f"─({label})→" if node.arrow == "→" else f"{node.arrow}({label})─"
    return ""


def render_row(items: list[Node], font: str | None = None, tight: bool = False) -> str:
    parts: list[str] = []
    spaces = gaps(items, tight)
    for k, (item, space) in enumerate(zip(items, spaces)):
        text = render(item, font, tight)
        if k and _function_name(items[k - 1]) and item.left_cls in (S.ORD, S.INNER) \
                and not is_atomic(item) and text:
            text, space = f"({text})", 0  # cos(πt/T), not cos πt/T
        if k and not space and parts and _runs_on(parts[-1], items[k - 1], text):
            space = 1  # ∇_θ E, not ∇_θE
        parts.append(" " * space + text)
    return "".join(parts)


def _function_name(node: Node) -> bool:
    """sin, ln, exp…: their argument is one operand (lim and max take the rest)."""
    while isinstance(node, Scripts):
        node = node.base
    return isinstance(node, Atom) and node.cls == S.FUNC and node.text not in S.LIMIT_FUNCS


def _runs_on(prev_text: str, prev: Node, text: str) -> bool:
    """After an ASCII-fallback script (x_i, e^(…)) a following letter needs a space."""
    if not isinstance(prev, Scripts) or not text:
        return False
    tail = prev_text.rsplit("_", 1)[-1].rsplit("^", 1)[-1]
    fallback = ("_" in prev_text or "^" in prev_text) and not tail.endswith(")")
    return fallback and (text[0].isalnum() or cell_len(text[0]) == 2)


def render_table(node: Table, font: str | None) -> str:
    if node.kind == "matrix":
        rows = ["; ".join(", ".join(render(c, font) for c in r) for r in node.rows)]
        left, right = node.left or "[", node.right or "]"
        return left + rows[0] + right
    if node.kind == "cases":
        parts = []
        for r in node.rows:
            value = render(r[0], font) if r else ""
            cond = " ".join(render(c, font) for c in r[1:]).strip()
            if cond and not cond.lower().startswith(_CONDITION_WORDS):
                parts.append(f"{value} if {cond}")
            else:  # "otherwise", "其他": already words
                parts.append(f"{value}, {cond}" if cond else value)
        left = node.left or ("{" if not node.right else "")
        right = node.right or ("}" if left == "{" else "")
        return left + "; ".join(parts) + right
    lines = []
    for r in node.rows:
        items: list[Node] = []
        for cell in r:
            items.extend(cell.items if isinstance(cell, Row) else [cell])
        lines.append(render_row(items, font))
    return "; ".join(line for line in lines if line.strip())
