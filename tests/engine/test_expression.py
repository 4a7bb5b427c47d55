import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.expression import MAX_DEPTH, ExpressionError, parse


@pytest.mark.parametrize("text, x, y, expected", [
    ("x^2 + sin(x)", 4.0, 0, 16 + math.sin(4)),
    ("1e-3", 0, 0, 0.001),
    (".5x", 3, 0, 1.5),
    ("2^3^2", 0, 0, 512.0),             # right-associative
    ("x**3", 2, 0, 8.0),
    ("-x^2", 3, 0, -9.0),               # -(x^2), not (-x)^2
    ("2^-1", 0, 0, 0.5),
    ("2x", 3, 0, 6.0),
    ("2(x+1)", 3, 0, 8.0),
    ("(x+1)(x-1)", 3, 0, 8.0),
    ("x y", 2, 5, 10.0),
    ("xy", 2, 5, 10.0),
    ("3 sin(x)", 1, 0, 3 * math.sin(1)),
    ("2sin x", 1, 0, 2 * math.sin(1)),
    ("sin(x)^2", 1, 0, math.sin(1) ** 2),
    ("sin x^2", 2, 0, math.sin(4)),
    ("1/2x", 4, 0, 2.0),                # implicit product binds like *
    ("log(e) + ln(e^2) + log10(100)", 0, 0, 5.0),
    ("sqrt(16) + abs(-2) + tanh(0) + exp(0) + cos(0) + tan(0)", 0, 0, 8.0),
    ("2pi", 0, 0, 2 * math.pi),
    ("x² + y³", 2, 3, 31.0),
    ("x⁻¹", 4, 0, 0.25),
    ("2×3 + 8÷4 − 1 + 2·x", 1, 0, 9.0),
    ("√x", 9, 0, 3.0),
    ("ｘ＋１", 1, 0, 2.0),               # fullwidth, NFKC
    ("x^2 + y^2 - 2*x*y", 1, 2, 1.0),
])
def test_values(text, x, y, expected):
    assert parse(text)(x=x, y=y) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_vectorised_and_variables():
    f = parse("x^2 + sin(x)")
    xs = np.linspace(-2, 2, 9)
    np.testing.assert_allclose(f(x=xs), xs ** 2 + np.sin(xs))
    assert f.variables == ("x",)
    assert parse("x^2 + y").variables == ("x", "y")
    assert parse("3").variables == ()
    assert parse("3")(x=np.zeros(4)).shape == (4,)     # a constant still fills the grid
    assert isinstance(f(1.0), float)                   # positional, in allowed order
    g = parse("x y")
    grid = g(x=np.arange(3.0)[:, None], y=np.arange(4.0)[None, :])
    assert grid.shape == (3, 4)


def test_custom_variable_names():
    f = parse("a t^2", variables=("a", "t"))
    assert f(a=2, t=3) == 18.0
    with pytest.raises(ExpressionError, match="unknown name 'x'"):
        parse("x", variables=("t",))
    with pytest.raises(ExpressionError, match="no value given for t"):
        f(a=1)


def test_invalid_values_are_nan_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert math.isnan(parse("log(x)")(x=-1))
        assert math.isnan(parse("sqrt(x)")(x=-1))
        assert parse("1/x")(x=0) == math.inf
        assert parse("exp(x)")(x=1000) == math.inf


@pytest.mark.parametrize("text, message, position", [
    ("", "empty", 0),
    ("   ", "empty", 0),
    ("sin(x))", "unexpected ')' at position 7", 6),
    ("(x+1", "missing ')'", 0),
    ("x +", "unexpected end", 3),
    ("sni(x)", "did you mean sin", 0),
    ("__import__('os')", "unknown name '__import__'", 0),
    ("x $ 2", "unexpected character '$' at position 3", 2),
    ("2 3", "missing operator before '3'", 2),
    ("1.2.3", "malformed number", 0),
    ("sin", "needs an argument", 0),
    ("()", "empty parentheses", 0),
    ("x−", "unexpected end", 2),         # positions refer to the typed text
    ("x²)", "unexpected ')' at position 3", 2),
])
def test_errors_name_the_position(text, message, position):
    with pytest.raises(ExpressionError, match=re.escape(message)) as info:
        parse(text)
    assert info.value.position == position


def test_too_long_and_too_deep():
    with pytest.raises(ExpressionError, match="too long"):
        parse("x+" * 250 + "x")
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1))
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("-" * 200 + "x")
    # long but flat expressions are fine (no recursion per term)
    assert parse("x" * 500)(x=1.0) == 1.0
    assert parse("+".join(["x"] * 250))(x=1.0) == 250.0
    assert parse("(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH)(x=2.0) == 2.0


def test_caret_points_at_the_problem():
    try:
        parse("sin(x))")
    except ExpressionError as exc:
        assert exc.caret("sin(x))").splitlines()[1] == "      ^"


def test_no_code_execution(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for text in ["__import__('os').system('touch pwned')", "open('pwned','w')", "eval('1')",
                 "x.__class__", "exec", "lambda: 1", "[x for x in ()]", "x; y"]:
        with pytest.raises(ExpressionError):
            parse(text)
    assert not (tmp_path / "pwned").exists()


ALPHABET = "xy0123456789.eE+-*/^() ²³×·÷−πsincotaexplgqrbhd_'[],$ \t"


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(alphabet=ALPHABET, max_size=60)))
def test_random_text_is_a_value_or_an_expression_error(text):
    try:
        f = parse(text)
    except ExpressionError as exc:
        assert exc.message
        assert exc.position is None or 0 <= exc.position <= len(text)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = f(x=np.array([-1.5, 0.0, 2.0]), y=0.5)
    assert value.shape == (3,)
    str(f)   # printable
