"""The number and formula readers: forgiving with students, never raising."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.locale import using
from tutor.quiz.formula import compare, read_formula
from tutor.quiz.numbers import close_enough, read_number

QUARTER = ["0.25", ".25", "1/4", "25%", "2.5e-1", "2.5×10^-1", "2.5x10^-1", "2.5*10**-1", "2.5×10⁻¹",
           "+0.25", " 0.25 ", "+ 0.25", "1 / 4", "０．２５", "１／４", "０，２５", "0,25", "２５％", "0。25",
           "2.5 × 10^(-1)", "+.25"]


def in_both(message) -> bool:
    """The message says something in English and in Chinese (and they differ)."""
    with using("zh"):
        zh = message()
    return bool(message()) and bool(zh) and zh != message()


@pytest.mark.parametrize("text", QUARTER)
def test_a_quarter_written_many_ways(text):
    reading = read_number(text)
    assert reading.ok, reading.message()
    assert reading.value == pytest.approx(0.25)


@pytest.mark.parametrize("text,value", [("-1/4", -0.25), ("−0.5", -0.5), ("1,000.5", 1000.5),
                                        ("1,000,000", 1e6), ("10^-3", 1e-3), ("1,5", 1.5), ("３", 3.0),
                                        ("1e-400", 0.0), ("-2.", -2.0), ("½", 0.5), ("x₁ = 3.1", 3.1),
                                        ("≈ 2.0025", 2.0025), ("E=0.16", 0.16), ("0.25。", 0.25),
                                        ("θ = −1.98", -1.98), ("10³", 1000.0)])
def test_other_numbers(text, value):
    reading = read_number(text)
    assert reading.ok and reading.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "", "   ", "1/0", "nan", "NaN", "inf", "1e999", "5" * 5000,
                                  "1 2", "1,000", "1/2/3", "--1", "1..2", "0x10", "½x", "%", "10^9999"])
def test_junk_is_explained_not_raised(text):
    reading = read_number(text)
    assert not reading.ok and reading.value is None
    assert in_both(reading.message)
    if text.strip():
        assert reading.message().startswith("I couldn't read that as a number")


def test_ambiguous_thousands_comma_says_why():
    assert "comma" in read_number("1,000").message()


@given(st.text(max_size=80))
@settings(max_examples=400, deadline=None)
def test_number_reader_never_raises(text):
    reading = read_number(text)
    assert reading.ok == (reading.value is not None)
    if reading.ok:
        assert math.isfinite(reading.value)
    else:
        assert in_both(reading.message)


@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
@settings(max_examples=200, deadline=None)
def test_any_float_reads_back(x):
    reading = read_number(repr(x))
    assert reading.ok and reading.value == x


def test_tolerances():
    assert close_enough(2.0025, 2.0025, tol=1e-4)
    assert close_enough(2.0026, 2.0025, tol=1e-4)
    assert not close_enough(2.003, 2.0025, tol=1e-4)
    assert close_enough(101, 100, rtol=0.01) and not close_enough(102, 100, rtol=0.01)
    assert close_enough(0.235, 0.2350037) and not close_enough(0.24, 0.2350037)   # default: 0.5 %


# --- formulas -----------------------------------------------------------------

def same(typed, answer, variables=("x",)):
    a, b = read_formula(typed, variables), read_formula(answer, variables)
    assert a.ok, a.message()
    return compare(a.expr, b.expr, variables, seed=7)[0]


@pytest.mark.parametrize("typed", ["2x + cos x", "2*x+cos(x)", "cos(x) + 2x", "２ｘ＋cos(x)", "x + x + cos(x)",
                                   "2·x + cos(x)", "2 x + cos(x)"])
def test_equivalent_formulas_agree(typed):
    assert same(typed, "2*x + cos(x)")


@pytest.mark.parametrize("typed", ["2x + sin x", "x^2 + cos(x)", "2x", "2x + cos(x) + 0.001"])
def test_different_formulas_disagree(typed):
    assert not same(typed, "2*x + cos(x)")


def test_points_where_the_answer_is_undefined_are_skipped():
    assert same("1/(2 sqrt(x))", "0.5/sqrt(x)")          # undefined for x < 0
    assert same("ln(x)", "log(x)")


def test_two_variables():
    assert same("2xy + y^2", "2*x*y + y*y", ("x", "y"))
    assert not same("2xy", "2*x*y + y*y", ("x", "y"))


@pytest.mark.parametrize("text", ["", "sin(x", "2 +* x", "y + 1", "((((((", "x" * 1000, "import os", "__class__"])
def test_unreadable_formulas_are_explained(text):
    reading = read_formula(text, ("x",))
    assert not reading.ok and in_both(reading.message)


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_formula_reader_never_raises(text):
    reading = read_formula(text, ("x",))
    if reading.ok:
        answer = read_formula("x^2", ("x",)).expr
        ok, why = compare(reading.expr, answer, ("x",), seed=1)
        assert isinstance(ok, bool) and isinstance(why, str)
    else:
        assert reading.message()


@given(st.text(alphabet="x0123456789+-*/^().,esincoqrtlgp ²³×÷−πxy", max_size=40))
@settings(max_examples=300, deadline=None)
def test_formula_reader_never_raises_on_formula_like_text(text):
    reading = read_formula(text, ("x",))
    if reading.ok:
        compare(reading.expr, read_formula("sin(x)", ("x",)).expr, ("x",), seed=2)
