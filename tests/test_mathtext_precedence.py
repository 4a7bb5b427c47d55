"""render_inline puts parentheses exactly where precedence needs them.

The rendered text is read back as an expression (superscripts, ·, ×, −, √
mapped back to arithmetic) by a tiny evaluator written here, and must give the
same value as the formula itself at random points. Random formulas come from
a small expression tree that knows both its LaTeX and its value.
"""
from __future__ import annotations

import math
import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tutor.mathtext import render_inline

# --- reading rendered text back -------------------------------------------------------------------

_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾", "0123456789+-=()"))
_SUP.update(zip("ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", "abcdefghijklmnoprstuvwxyz"))
_FUNCS = ("exp", "sin", "cos", "ln")
_VARS = set("xyzabcn")


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in _SUP:  # a run of superscript characters is one ^(…)
            j = i
            while j < len(text) and text[j] in _SUP:
                j += 1
            out += ["^", "("] + _tokens("".join(_SUP[c] for c in text[i:j])) + [")"]
            i = j
        elif ch.isdigit() or ch == ".":
            j = i
            while j < len(text) and (text[j].isdigit() or text[j] == "."):
                j += 1
            out.append(text[i:j])
            i = j
        elif any(text.startswith(f, i) for f in _FUNCS):
            name = next(f for f in _FUNCS if text.startswith(f, i))
            out.append(name)
            i += len(name)
        else:
            out.append({"−": "-", "·": "*", "×": "*", "[": "(", "]": ")"}.get(ch, ch))
            i += 1
    return out


class Reader:
    """expr := term (± term)*; term := unary ((* | / | juxtaposition) unary)*;
    unary := −unary | power; power := primary (^ unary)?; √ binds a power, and so
    does a function name unless its argument is in parentheses."""

    def __init__(self, text: str, env: dict[str, float]):
        self.toks, self.pos, self.env = _tokens(text), 0, env
        self.bars = 0  # inside |…|, a bar closes instead of starting a factor

    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self, expected=None):
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise SyntaxError(f"expected {expected!r} at {self.pos} in {self.toks}")
        self.pos += 1
        return tok

    def read(self) -> float:
        value = self.expr()
        if self.peek() is not None:
            raise SyntaxError(f"left over: {self.toks[self.pos:]}")
        return value

    def expr(self) -> float:
        value = self.term()
        while self.peek() in ("+", "-"):
            value = value + self.term() if self.take() == "+" else value - self.term()
        return value

    def starts_operand(self, tok) -> bool:
        return tok is not None and (tok[0].isdigit() or tok in _VARS or tok in ("(", "√", "e")
                                    or tok in _FUNCS or (tok == "|" and not self.bars))

    def term(self) -> float:
        value = self.unary()
        while True:
            tok = self.peek()
            if tok == "*":
                self.take()
                value *= self.unary()
            elif tok == "/":
                self.take()
                value /= self.unary()
            elif self.starts_operand(tok):
                value *= self.unary()
            else:
                return value

    def unary(self) -> float:
        if self.peek() == "-":
            self.take()
            return -self.unary()
        if self.peek() == "+":
            self.take()
            return self.unary()
        return self.power()

    def power(self) -> float:
        base = self.primary()
        if self.peek() == "^":
            self.take()
            return base ** self.unary()
        return base

    def primary(self) -> float:
        tok = self.take()
        if tok == "(":
            value = self.expr()
            self.take(")")
            return value
        if tok == "|":
            self.bars += 1
            value = abs(self.expr())
            self.take("|")
            self.bars -= 1
            return value
        if tok == "√":
            return math.sqrt(self.power())
        if tok in _FUNCS:  # sin(x)² is (sin x)², sin x² is sin(x²)
            fn = {"exp": math.exp, "sin": math.sin, "cos": math.cos, "ln": math.log}[tok]
            exponent = 1.0
            if self.peek() == "^":  # sin²(x) is (sin x)²
                self.take()
                exponent = self.primary()
            return fn(self.primary() if self.peek() == "(" else self.power()) ** exponent
        if tok == "e":
            return math.e
        if tok in self.env:
            return self.env[tok]
        return float(tok)


def read(text: str, **env: float) -> float:
    return Reader(text, env).read()


def test_reader_reads_conventional_precedence():
    assert read("1/2 x", x=4) == 2
    assert read("−x²", x=3) == -9
    assert read("2^3^2") == 512
    assert read("1/(1 + e⁻ᶻ)", z=0) == 0.5
    assert read("√(4)x", x=3) == 6
    assert read("exp(1)²") == pytest.approx(math.e ** 2)
    assert read("sin x²", x=2) == pytest.approx(math.sin(4))


def test_reader_tells_wrong_parentheses_apart():
    # latex2text's reading of the sigmoid: the denominator's parentheses are missing
    assert read("1/1 + e^-z", z=0) != read("1/(1 + e⁻ᶻ)", z=0)


# --- hand-picked formulas ---------------------------------------------------------------------------

CASES = [
    (r"\frac{1}{1+e^{-z}}", lambda z: 1 / (1 + math.exp(-z)), "1/(1 + e⁻ᶻ)"),
    (r"\frac{e^z - e^{-z}}{e^z + e^{-z}}", lambda z: math.tanh(z), None),
    (r"2\sigma(2z)-1", None, None),
    (r"\frac{1}{2\sqrt{x}}", lambda x: 1 / (2 * math.sqrt(x)), "1/(2√x)"),
    (r"\frac{1}{2}x^{-1/2}", lambda x: 0.5 * x ** -0.5, None),
    (r"\frac{1}{2}x^{(1/2 - 1)}", lambda x: 0.5 * x ** -0.5, None),
    (r"\frac{x - a}{\sqrt{b^2 + c}}", lambda x, a, b, c: (x - a) / math.sqrt(b * b + c), None),
    (r"\frac{1}{2N}", lambda n: 1 / (2 * n), "1/(2N)"),
    (r"\frac{-2}{n}(a x^2 - b x + c)", lambda n, a, x, b, c: -2 / n * (a * x * x - b * x + c), None),
    (r"\frac{a+b}{c}\cdot\frac{x}{y+z}", lambda a, b, c, x, y, z: (a + b) / c * x / (y + z), None),
    (r"\left(\frac{a}{b}\right)^2", lambda a, b: (a / b) ** 2, "(a/b)²"),
    (r"\frac{\frac{a}{b}}{c}", lambda a, b, c: a / b / c, None),
    (r"\frac{a}{\frac{b}{c}}", lambda a, b, c: a / (b / c), "a/(b/c)"),
    (r"x^{a+b}", lambda x, a, b: x ** (a + b), "xᵃ⁺ᵇ"),
    (r"e^{-\frac{x^2}{2}}", lambda x: math.exp(-x * x / 2), None),
    (r"\sqrt{x^2 + y^2}", lambda x, y: math.hypot(x, y), "√(x² + y²)"),
    (r"\exp(x) \sin(y) + \cos x", lambda x, y: math.exp(x) * math.sin(y) + math.cos(x), None),
    (r"-x^2 + 3x - \frac{4}{x}", lambda x: -x * x + 3 * x - 4 / x, None),
    (r"\frac{x}{y} \times z", lambda x, y, z: x / y * z, None),
    (r"\frac{x \cdot y}{z}", lambda x, y, z: x * y / z, None),
    (r"\frac{1}{n} \sum x", None, None),
    (r"1 + \cos\frac{x}{y}", lambda x, y: 1 + math.cos(x / y), "1 + cos(x/y)"),
    (r"\sin^2 \frac{x}{2}", lambda x: math.sin(x / 2) ** 2, "sin²(x/2)"),
    (r"\frac{1}{|a|} + \frac{1}{|a|b}", lambda a, b: 1 / abs(a) + 1 / (abs(a) * b), None),
]


def _value(fn, env):
    return fn(*[env[name] for name in fn.__code__.co_varnames[:fn.__code__.co_argcount]])


@pytest.mark.parametrize("latex, fn, text", CASES)
def test_inline_reads_back_to_the_same_value(latex, fn, text):
    out = render_inline(latex)
    if text is not None:
        assert out == text
    if fn is None:
        return
    rng = random.Random(latex)
    for _ in range(5):
        env = {v: rng.uniform(0.5, 2.0) for v in "xyzabcn"}
        env_named = dict(env, N=env["n"])
        assert read(out.replace("N", "n"), **env) == pytest.approx(_value(fn, env_named), rel=1e-9), out


# --- random formulas ----------------------------------------------------------------------------------

class E:
    """An expression that knows its LaTeX, its value and how tightly it binds."""

    def __init__(self, latex: str, fn, level: int):
        self.latex, self.fn, self.level = latex, fn, level  # level: 0 sum, 1 product, 2 power, 3 atom


def _wrap(e: E, level: int) -> str:
    return e.latex if e.level >= level else rf"\left({e.latex}\right)"


def _atoms():
    numbers = st.sampled_from(["1", "2", "3", "0.5", "4"]).map(lambda s: E(s, lambda env, v=float(s): v, 3))
    names = st.sampled_from(["x", "y", "z", "a", "b"]).map(lambda s: E(s, lambda env, n=s: env[n], 3))
    return st.one_of(numbers, names)


def _extend(children):
    def add(pair):
        a, b = pair
        return E(f"{a.latex} + {b.latex}", lambda env: a.fn(env) + b.fn(env), 0)

    def sub(pair):
        a, b = pair
        return E(f"{a.latex} - {_wrap(b, 1)}", lambda env: a.fn(env) - b.fn(env), 0)

    def mul(triple):
        a, b, op = triple
        right = _wrap(b, 1)
        if op == "" and not (right[0].isalpha() or right.startswith((r"\left", r"\sqrt"))):
            op = r"\cdot"
        return E(f"{_wrap(a, 1)} {op} {right}", lambda env: a.fn(env) * b.fn(env), 1)

    def frac(pair):
        a, b = pair
        return E(rf"\frac{{{a.latex}}}{{{b.latex}}}", lambda env: a.fn(env) / b.fn(env), 1)

    def power(pair):
        a, n = pair
        return E(f"{_wrap(a, 3)}^{{{n.latex}}}", lambda env: a.fn(env) ** n.fn(env), 2)

    def root(a):
        return E(rf"\sqrt{{{a.latex}}}", lambda env: math.sqrt(a.fn(env)), 3)

    def neg(a):
        return E(f"-{_wrap(a, 2)}", lambda env: -a.fn(env), 0)

    def func(pair):
        a, name = pair
        fn = {"exp": math.exp, "sin": math.sin, "cos": math.cos}[name]
        return E(rf"\{name}\left({a.latex}\right)", lambda env: fn(a.fn(env)), 3)

    small = st.sampled_from(["2", "3", "0.5", "x"]).map(
        lambda s: E(s, (lambda env: env["x"]) if s == "x" else (lambda env, v=float(s): v), 3))
    return st.one_of(
        st.tuples(children, children).map(add),
        st.tuples(children, children).map(sub),
        st.tuples(children, children, st.sampled_from(["", r"\cdot", r"\times"])).map(mul),
        st.tuples(children, children).map(frac),
        st.tuples(children, st.one_of(small, children)).map(power),
        children.map(root),
        children.map(neg),
        st.tuples(children, st.sampled_from(["exp", "sin", "cos"])).map(func),
    )


expressions = st.recursive(_atoms(), _extend, max_leaves=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expressions, st.lists(st.floats(0.3, 2.5), min_size=5, max_size=5))
def test_random_formulas_keep_their_value(e, point):
    env = dict(zip("xyzab", point))
    try:
        expected = e.fn(env)
    except (ValueError, ZeroDivisionError, OverflowError, TypeError):
        assume(False)
    assume(isinstance(expected, float) and math.isfinite(expected) and abs(expected) < 1e8)
    text = render_inline(e.latex)
    try:
        got = read(text, **env)
    except (ValueError, ZeroDivisionError, OverflowError):
        assume(False)
    assert isinstance(got, float) and got == pytest.approx(expected, rel=1e-7, abs=1e-9), \
        f"{e.latex!r} rendered {text!r}"
