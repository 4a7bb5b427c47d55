"""The small tree a formula becomes: what both layouts (block, inline) read."""
from __future__ import annotations

from .symbols import CLOSE, INNER, OPEN, ORD, REL


class Node:
    __slots__ = ()
    left_cls = ORD    # the class its left edge shows a neighbour (for spacing)
    right_cls = ORD


class Atom(Node):
    """One symbol or word: `text` drawn as is, `cls` its spacing class."""
    __slots__ = ("text", "cls", "font", "size")

    def __init__(self, text: str, cls: str = ORD, font: str | None = None, size: int = 0):
        self.text, self.cls, self.font, self.size = text, cls, font, size

    @property
    def left_cls(self):
        return self.cls

    right_cls = left_cls

    def __repr__(self):
        return f"Atom({self.text!r},{self.cls})"


class Row(Node):
    __slots__ = ("items",)

    def __init__(self, items: list[Node]):
        self.items = items

    @property
    def left_cls(self):
        return self.items[0].left_cls if len(self.items) == 1 else ORD

    @property
    def right_cls(self):
        return self.items[-1].right_cls if len(self.items) == 1 else ORD

    def __repr__(self):
        return f"Row({self.items!r})"


class Scripts(Node):
    """base with sub/superscripts; `limits` puts them under/over the base (∑, max)."""
    __slots__ = ("base", "sub", "sup", "limits")

    def __init__(self, base: Node, sub: Node | None = None, sup: Node | None = None,
                 limits: bool | None = None):
        self.base, self.sub, self.sup, self.limits = base, sub, sup, limits

    @property
    def left_cls(self):
        return self.base.left_cls

    @property
    def right_cls(self):
        cls = self.base.right_cls
        return ORD if cls == OPEN else cls

    def __repr__(self):
        return f"Scripts({self.base!r}, sub={self.sub!r}, sup={self.sup!r})"


class Frac(Node):
    __slots__ = ("num", "den", "bar")
    left_cls = right_cls = INNER

    def __init__(self, num: Node, den: Node, bar: bool = True):
        self.num, self.den, self.bar = num, den, bar

    def __repr__(self):
        return f"Frac({self.num!r}, {self.den!r})"


class Sqrt(Node):
    __slots__ = ("body", "index")

    def __init__(self, body: Node, index: Node | None = None):
        self.body, self.index = body, index


class Fenced(Node):
    """Delimiters that grow with their content: \\left( … \\right) and matched ( … )."""
    __slots__ = ("left", "body", "right", "auto")
    left_cls, right_cls = OPEN, CLOSE

    def __init__(self, left: str, body: Node, right: str, auto: bool = False):
        # auto: a plain ( … ) pair, which grows only around fractions and limits
        self.left, self.body, self.right, self.auto = left, body, right, auto

    def __repr__(self):
        return f"Fenced({self.left!r}, {self.body!r}, {self.right!r})"


class Table(Node):
    """Rows of cells: matrices, cases, aligned equations, lines split by \\\\."""
    __slots__ = ("rows", "kind", "left", "right")
    left_cls = right_cls = INNER

    def __init__(self, rows: list[list[Node]], kind: str, left: str = "", right: str = ""):
        self.rows, self.kind, self.left, self.right = rows, kind, left, right


class Accent(Node):
    __slots__ = ("body", "mark")

    def __init__(self, body: Node, mark: str):
        self.body, self.mark = body, mark


class Styled(Node):
    """A font (bold, cal, bb) and/or a colour over a part of the formula."""
    __slots__ = ("body", "font", "color")

    def __init__(self, body: Node, font: str | None = None, color: str | None = None):
        self.body, self.font, self.color = body, font, color

    @property
    def left_cls(self):
        return self.body.left_cls

    @property
    def right_cls(self):
        return self.body.right_cls


class Under(Node):
    """\\underbrace{body}_{label} (or \\overbrace when `over`)."""
    __slots__ = ("body", "label", "over")

    def __init__(self, body: Node, label: Node | None = None, over: bool = False):
        self.body, self.label, self.over = body, label, over


class Boxed(Node):
    __slots__ = ("body",)
    left_cls = right_cls = INNER

    def __init__(self, body: Node):
        self.body = body


class Arrow(Node):
    """\\xrightarrow{above}: an arrow with a label over it."""
    __slots__ = ("arrow", "label")
    left_cls = right_cls = REL

    def __init__(self, arrow: str, label: Node | None):
        self.arrow, self.label = arrow, label


EMPTY = Row([])
