"""Spaces between neighbours in a row, from their classes (TeX's rules, in whole cells)."""
from __future__ import annotations

from .nodes import Accent, Atom, Node, Row, Scripts, Styled
from .symbols import BIG, BIN, CLOSE, FUNC, INNER, OPEN, ORD, PUNCT, REL, SPACE

UNARY = "unary"
_BEFORE_UNARY = {None, BIN, UNARY, REL, OPEN, PUNCT, BIG}


def classes(items: list[Node]) -> list[tuple[str, str]]:
    """(left, right) class of each item; a − or + with nothing to its left is unary."""
    out: list[tuple[str, str]] = []
    prev = None
    for item in items:
        left, right = item.left_cls, item.right_cls
        if isinstance(item, Atom) and item.cls == SPACE:
            out.append((SPACE, SPACE))
            continue  # an explicit space does not change what the − follows
        if left == BIN and prev in _BEFORE_UNARY:
            left = right = UNARY
        out.append((left, right))
        prev = right
    return out


def gap(prev: str | None, left: str, tight: bool = False) -> int:
    """Cells between an item whose right class is `prev` and one whose left class is `left`."""
    if prev is None or SPACE in (prev, left) or prev == UNARY:
        return 0
    if tight:  # inside scripts: no spaces, except after a function name
        return 1 if prev == FUNC and left not in (OPEN, PUNCT, CLOSE) else 0
    if left == REL or prev == REL:
        if (prev == REL and left == REL) or left in (PUNCT, CLOSE) or prev == OPEN:
            return 0
        return 1
    if left == BIN or prev == BIN:
        return 0 if prev == OPEN or left == CLOSE else 1
    if left == PUNCT:
        return 0
    if prev == PUNCT:
        return 0 if left == CLOSE else 1
    if prev == OPEN or left == CLOSE:
        return 0
    if prev == BIG:
        return 1
    if left == BIG:
        return 1 if prev in (ORD, CLOSE, INNER, FUNC, UNARY) else 0
    if prev == FUNC:
        return 0 if left == OPEN else 1
    if left == FUNC:
        return 1 if prev in (ORD, CLOSE, INNER) else 0
    if left == INNER or prev == INNER:
        return 1
    return 0


def _edge(item: Node, last: bool) -> str:
    """The character a neighbour sees on one side of an item (for words next to \\text)."""
    while True:
        if isinstance(item, Atom):
            return item.text[-1:] if last else item.text[:1]
        if isinstance(item, Scripts):
            if last:
                return "x"  # a script's end reads like a letter's
            item = item.base
        elif isinstance(item, (Styled, Accent)):
            item = item.body
        elif isinstance(item, Row) and item.items:
            item = item.items[-1 if last else 0]
        else:
            return ""


def _is_text(item: Node) -> bool:
    return isinstance(item, Atom) and item.font == "text"


def gaps(items: list[Node], tight: bool = False) -> list[int]:
    """The spaces before each item (0 before the first)."""
    cls = classes(items)
    out = []
    prev = None
    for k, (left, right) in enumerate(cls):
        g = gap(prev, left, tight)
        if not g and k and not tight and (_is_text(items[k - 1]) or _is_text(items[k])):
            # \text{word} δ (in any script): a word of text and a symbol beside it keep a space between
            a, b = _edge(items[k - 1], True), _edge(items[k], False)
            if a.isalnum() and b.isalnum():
                g = 1
        out.append(g)
        prev = right
    return out
