"""A safe parser for the functions a student types: "x^2 + sin(x)", "2x", "(x+1)(x-1)".

Never eval or exec: the text is read by a small recursive-descent parser into a
tree of nodes, and the tree is evaluated with NumPy.  Anything the grammar does
not know is an `ExpressionError` with the position of the problem.

What it understands
- numbers: 3, 2.5, .5, 1e-3
- variables: x and y by default (`parse(text, variables=("t",))` to choose)
- + - * / and powers ^ or ** (right-associative: 2^3^2 = 2^9);
  a leading minus binds looser than a power: -x^2 = -(x^2)
- parentheses; functions sin cos tan exp log ln sqrt abs tanh, plus
  asin acos atan sinh cosh log10 log2 sigmoid relu.  `log` is the natural
  logarithm (the same as `ln`), as in NumPy and most maths courses;
  the base-10 logarithm is spelled `log10`.
- constants pi and e (a variable with the same name wins)
- implicit multiplication: 2x, 2(x+1), (x+1)(x-1), x y, xy, 3 sin(x), 2pi.
  It binds like *, so 1/2x = (1/2)·x.  A number cannot follow without an
  operator ("2 3" and "x 2" are errors: too easy to misread).
- a function written without parentheses takes the next power: sin x^2 = sin(x^2),
  2sin x = 2·sin(x), but sin 2x = sin(2)·x — write sin(2x).
- Unicode: NFKC normalisation, × · ⋅ ÷ − and superscripts (x², x⁻¹), π, √x.

Evaluation ignores floating-point warnings: log(-1) is nan, 1/0 is inf;
the caller decides what to do with them.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

MAX_LENGTH = 500     # characters a student may type
MAX_DEPTH = 60       # nesting of parentheses, signs and powers


class ExpressionError(ValueError):
    """A problem with the typed text; `position` is a 0-based index into it (or None).

    The message counts positions from 1, as a student would.
    """

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def caret(self, text: str) -> str:
        """The text with a ^ under the problem (two lines), for a terminal."""
        if self.position is None:
            return text
        return f"{text}\n{' ' * self.position}^"


def _sigmoid(z):
    # 1/(1+e^-z) written with tanh: no overflow for large |z|
    return 0.5 * (1.0 + np.tanh(0.5 * z))


FUNCTIONS: dict[str, Callable] = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan,
    "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan,
    "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh,
    "exp": np.exp, "log": np.log, "ln": np.log, "log10": np.log10, "log2": np.log2,
    "sqrt": np.sqrt, "abs": np.abs,
    "sigmoid": _sigmoid, "relu": lambda z: np.maximum(z, 0.0),
}
CONSTANTS: dict[str, float] = {"pi": float(np.pi), "e": float(np.e)}

# Characters NFKC leaves alone (or would turn into something misleading).
_SYMBOLS = {"×": "*", "·": "*", "⋅": "*", "∙": "*", "÷": "/", "⁄": "/", "∕": "/",
            "−": "-", "–": "-", "π": "pi", "√": "sqrt "}
_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5",
                 "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+"}


def _normalise(text: str) -> tuple[str, list[int]]:
    """Rewrite the text into plain ASCII operators; keep each new character's origin.

    Superscripts are turned into ^(...) before NFKC, which would make x² read "x2".
    """
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _SUPERSCRIPTS:
            j = i
            while j < len(text) and text[j] in _SUPERSCRIPTS:
                j += 1
            piece = "^(" + "".join(_SUPERSCRIPTS[c] for c in text[i:j]) + ")"
            out.append(piece)
            origin.extend([i] * len(piece))
            i = j
            continue
        # NFKC first (fullwidth ｘ -> x, ½ -> 1⁄2), then the operator symbols
        piece = "".join(_SYMBOLS.get(c, c) for c in unicodedata.normalize("NFKC", ch))
        out.append(piece)
        origin.extend([i] * len(piece))
        i += 1
    origin.append(len(text))        # "the end" maps to the end of the original
    return "".join(out), origin


# --- tokens ----------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    kind: str      # "num", "name", "op", "(", ")", "end"
    text: str
    pos: int       # index into the original text
    value: float = 0.0


_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _tokenize(text: str, origin: list[int], names: set[str]) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        pos = origin[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or (ch == "." and i + 1 < len(text) and text[i + 1].isdigit()):
            m = _NUMBER.match(text, i)
            end = m.end()
            if end < len(text) and (text[end] == "." or text[end].isdigit()):
                raise ExpressionError(f"malformed number at position {pos + 1}", pos)
            tokens.append(Token("num", m.group(), pos, float(m.group())))
            i = end
        elif ch.isalpha() or ch == "_":
            m = _NAME.match(text, i)
            if m is None:          # a non-ASCII letter
                raise ExpressionError(f"unexpected character {ch!r} at position {pos + 1}", pos)
            tokens.extend(_split_name(m.group(), [origin[k] for k in range(i, m.end())], names))
            i = m.end()
        elif text.startswith("**", i):
            tokens.append(Token("op", "^", pos))
            i += 2
        elif ch in "+-*/^":
            tokens.append(Token("op", ch, pos))
            i += 1
        elif ch in "([{":
            tokens.append(Token("(", ch, pos))
            i += 1
        elif ch in ")]}":
            tokens.append(Token(")", ch, pos))
            i += 1
        else:
            raise ExpressionError(f"unexpected character {ch!r} at position {pos + 1}", pos)
    tokens.append(Token("end", "", origin[len(text)]))
    return tokens


def _split_name(word: str, where: list[int], names: set[str]) -> list[Token]:
    """A known name, or a run of variables/constants written together ("xy", "pix")."""
    if word in names or word in FUNCTIONS:
        return [Token("name", word, where[0])]
    # Greedy split into known non-function names, longest first.
    parts: list[Token] = []
    k = 0
    while k < len(word):
        for end in range(len(word), k, -1):
            if word[k:end] in names:
                parts.append(Token("name", word[k:end], where[k]))
                k = end
                break
        else:
            close = difflib.get_close_matches(word, sorted(names | set(FUNCTIONS)), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            known = ", ".join(sorted(names))
            raise ExpressionError(
                f"unknown name {word!r} at position {where[0] + 1}{hint} (known: {known} and functions)",
                where[0])
    return parts


# --- the tree ----------------------------------------------------------------

class Node:
    def eval(self, env: dict[str, np.ndarray]) -> np.ndarray:
        raise NotImplementedError


@dataclass(frozen=True)
class Num(Node):
    value: float

    def eval(self, env):
        return np.float64(self.value)

    def __str__(self):
        return f"{self.value:g}"


@dataclass(frozen=True)
class Var(Node):
    name: str

    def eval(self, env):
        return env[self.name]

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class Neg(Node):
    arg: Node

    def eval(self, env):
        return -self.arg.eval(env)

    def __str__(self):
        return f"(-{self.arg})"


_BINARY = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "^": np.power}


@dataclass(frozen=True)
class Bin(Node):
    op: str
    left: Node
    right: Node

    def eval(self, env):
        return _BINARY[self.op](self.left.eval(env), self.right.eval(env))

    def __str__(self):
        return f"({self.left} {self.op} {self.right})"


@dataclass(frozen=True)
class Chain(Node):
    """first op1 a1 op2 a2 ... evaluated left to right (a loop, so a long sum
    such as x+x+...+x never runs into Python's recursion limit)."""
    first: Node
    rest: tuple

    def eval(self, env):
        value = self.first.eval(env)
        for op, node in self.rest:
            value = _BINARY[op](value, node.eval(env))
        return value

    def __str__(self):
        return "(" + str(self.first) + "".join(f" {op} {node}" for op, node in self.rest) + ")"


@dataclass(frozen=True)
class Call(Node):
    name: str
    arg: Node

    def eval(self, env):
        return FUNCTIONS[self.name](self.arg.eval(env))

    def __str__(self):
        return f"{self.name}({self.arg})"


# --- the parser ----------------------------------------------------------------

class _Parser:
    """expr  := term (('+'|'-') term)*
    term  := unary (('*'|'/') unary | implicit-product)*
    unary := ('-'|'+') unary | power
    power := atom ('^' unary)?            (right-associative)
    atom  := number | variable | constant | '(' expr ')' | function atom-or-(expr)
    """

    def __init__(self, tokens: list[Token], variables: Sequence[str]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.variables = set(variables)
        self.used: set[str] = set()

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def unexpected(self, t: Token) -> ExpressionError:
        if t.kind == "end":
            return ExpressionError(f"unexpected end of expression at position {t.pos + 1}", t.pos)
        if t.kind == "num":
            return ExpressionError(f"missing operator before {t.text!r} at position {t.pos + 1}", t.pos)
        return ExpressionError(f"unexpected {t.text!r} at position {t.pos + 1}", t.pos)

    def deeper(self, t: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"expression nested too deeply (more than {MAX_DEPTH} levels) "
                                  f"at position {t.pos + 1}", t.pos)

    def parse(self) -> Node:
        node = self.expr()
        if self.tok.kind != "end":
            raise self.unexpected(self.tok)
        return node

    def expr(self) -> Node:
        first = self.term()
        rest = []
        while self.tok.kind == "op" and self.tok.text in "+-":
            op = self.take().text
            rest.append((op, self.term()))
        return Chain(first, tuple(rest)) if rest else first

    def term(self) -> Node:
        first = self.unary()
        rest = []
        while True:
            t = self.tok
            if t.kind == "op" and t.text in "*/":
                self.take()
                rest.append((t.text, self.unary()))
            elif t.kind in ("name", "("):       # 2x, 2(x+1), (x+1)(x-1), x y, 3 sin(x)
                rest.append(("*", self.power()))
            else:
                return Chain(first, tuple(rest)) if rest else first

    def unary(self) -> Node:
        t = self.tok
        if t.kind == "op" and t.text in "+-":
            self.take()
            self.deeper(t)
            inner = self.unary()
            self.depth -= 1
            return Neg(inner) if t.text == "-" else inner
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        t = self.tok
        if t.kind == "op" and t.text == "^":
            self.take()
            self.deeper(t)
            exponent = self.unary()
            self.depth -= 1
            return Bin("^", base, exponent)
        return base

    def atom(self) -> Node:
        t = self.take()
        if t.kind == "num":
            return Num(t.value)
        if t.kind == "(":
            if self.tok.kind == ")":
                raise ExpressionError(f"empty parentheses at position {t.pos + 1}", t.pos)
            self.deeper(t)
            inner = self.expr()
            self.depth -= 1
            close = self.tok
            if close.kind != ")":
                if close.kind == "end":
                    raise ExpressionError(f"missing ')' to close the '{t.text}' at position {t.pos + 1}", t.pos)
                raise self.unexpected(close)
            self.take()
            return inner
        if t.kind == "name":
            if t.text in self.variables:
                self.used.add(t.text)
                return Var(t.text)
            if t.text in FUNCTIONS:
                nxt = self.tok
                if nxt.kind == "end" or nxt.kind == ")" or (nxt.kind == "op" and nxt.text in "*/^"):
                    raise ExpressionError(f"{t.text} needs an argument, e.g. {t.text}(x), "
                                          f"at position {t.pos + 1}", t.pos)
                self.deeper(t)
                # sin(x)^2 = (sin x)^2: with parentheses the argument is just the group;
                # without them it is the next power: sin x^2 = sin(x^2)
                if nxt.kind == "(":
                    arg = self.atom()
                elif nxt.kind == "op":
                    arg = self.unary()
                else:
                    arg = self.power()
                self.depth -= 1
                return Call(t.text, arg)
            return Num(CONSTANTS[t.text])
        raise self.unexpected(t)


# --- the public face -------------------------------------------------------------

class Expr:
    """A parsed expression: call it with numbers or NumPy arrays, e.g. f(x=np.linspace(-1, 1, 5))."""

    def __init__(self, text: str, tree: Node, allowed: tuple[str, ...], used: set[str]) -> None:
        self.text = text
        self.tree = tree
        self.allowed = allowed
        # the variables the expression really uses, in the order they were allowed
        self.variables: tuple[str, ...] = tuple(v for v in allowed if v in used)

    def __call__(self, *args, **values):
        if len(args) > len(self.allowed):
            raise ExpressionError(f"too many values: expected at most {len(self.allowed)}")
        for name, value in zip(self.allowed, args):
            values[name] = value
        missing = [v for v in self.variables if v not in values]
        if missing:
            raise ExpressionError(f"no value given for {', '.join(missing)}")
        env = {k: np.asarray(v, dtype=float) for k, v in values.items()}
        with np.errstate(all="ignore"):
            result = np.asarray(self.tree.eval(env), dtype=float)
            if env:     # a constant f still gives one value per input point
                shape = np.broadcast_shapes(result.shape, *(a.shape for a in env.values()))
                result = np.broadcast_to(result, shape).copy()
        return float(result) if result.ndim == 0 else result

    def __str__(self) -> str:
        return str(self.tree)

    def __repr__(self) -> str:
        return f"Expr({self.text!r})"


def parse(text: str, variables: Sequence[str] = ("x", "y")) -> Expr:
    """Read a typed expression; raise ExpressionError saying what and where."""
    if not isinstance(text, str):
        raise ExpressionError("expected text")
    for v in variables:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v) or v in FUNCTIONS:
            raise ValueError(f"bad variable name {v!r}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression too long ({len(text)} characters; at most {MAX_LENGTH})", MAX_LENGTH)
    if not text.strip():
        raise ExpressionError("empty expression: type a formula such as x^2 + sin(x)", 0)
    plain, origin = _normalise(text)
    names = set(variables) | set(CONSTANTS)
    tokens = _tokenize(plain, origin, names)
    parser = _Parser(tokens, variables)
    tree = parser.parse()
    return Expr(text, tree, tuple(variables), parser.used)
