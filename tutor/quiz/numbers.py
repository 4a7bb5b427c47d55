"""The forgiving number reader.

Students type numbers in many ways: 0.25, .25, 1/4, 25%, 2.5e-1,
2.5×10^-1, +0.25, with spaces, or with full-width digits and punctuation from
a Chinese input method (０．２５, １／４, ０，２５).  `read_number` accepts all of
them and returns a `Reading`: either a finite value or a clear reason it
could not read the text.  It never raises.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from tutor.locale import N_, translated

MAX_LENGTH = 60          # a number answer is never longer than this

# Superscripts must become ^… *before* NFKC, which would turn x² into x2.
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUPER_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+")

# After NFKC: the other ways of writing minus, times and the decimal point.
_AFTER_NFKC = str.maketrans({
    "\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-",
    "×": "*", "·": "*", "÷": "/", "⋅": "*", "∙": "*",
    "\u3002": ".",      # 。 the ideographic full stop, typed by IMEs as a point
    "\u3001": ",",      # 、 the ideographic comma
    "\u2044": "/",      # ⁄ the fraction slash (NFKC turns ½ into 1⁄2)
    "≈": "=",
})


def normalise(text: str) -> str:
    """Typed text in one canonical form: ASCII digits, '-', '*', '^', '.'."""
    text = _SUPER_RUN.sub(lambda m: "^(" + m.group().translate(_SUPERSCRIPTS) + ")", text)
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_AFTER_NFKC).strip()


# Why a text is not a number: a reading keeps the reason (data), the student reads the sentence.
PROBLEMS = {
    "not_a_number": N_("I couldn't read that as a number. Try something like 0.25, 1/4, 25% or 2.5e-1."),
    "too_long": N_("I couldn't read that as a number: it is too long ({n} characters). Type just the answer."),
    "empty": N_("Nothing typed yet: type your answer, then press Enter."),
    "ambiguous_comma": N_("I couldn't read that as a number: is the comma in {text} a thousands separator "
                          "or a decimal comma? Use a point for decimals (e.g. 1.5)."),
    "division_by_zero": N_("I couldn't read that as a number: it divides by zero."),
    "not_finite": N_("I couldn't read that as a number: it is too large, or not finite."),
}


@dataclass(frozen=True)
class Reading:
    """What `read_number` made of a text: a value, or a problem (a key of PROBLEMS)."""

    value: float | None = None
    problem: str | None = None
    detail: dict | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def message(self) -> str:
        """Why it could not be read, in the student's language ("" when it could)."""
        return "" if self.ok else translated(PROBLEMS[self.problem], **(self.detail or {}))


_DECIMAL = r"[+-]?(?:\d+\.?\d*|\.\d+)"
_PLAIN = re.compile(rf"{_DECIMAL}(?:[eE][+-]?\d+)?")
# 2.5*10^-1, 2.5*10**-1, 2.5*10^(-1), 10^-3
_POWER = re.compile(rf"(?:({_DECIMAL})\*)?10(?:\^|\*\*)\(?([+-]?\d+)\)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def _fail(problem: str, **detail) -> Reading:
    return Reading(problem=problem, detail=detail or None)


def _commas(text: str) -> str | Reading:
    """Decide what commas mean: thousands separators, a decimal comma, or unclear."""
    if "," not in text:
        return text
    if _THOUSANDS.fullmatch(text) and ("." in text or text.count(",") > 1):
        return text.replace(",", "")          # 1,000.5 or 1,000,000
    if text.count(",") == 1 and "." not in text:
        whole, frac = text.split(",")
        if len(frac) == 3 and whole.lstrip("+-").isdigit() and frac.isdigit():
            return _fail("ambiguous_comma", text=text)     # 1,000: a thousand or one?
        return whole + "." + frac               # 0,25 typed with a decimal comma
    return _fail("not_a_number")


def _simple(text: str) -> Fraction | float | None:
    """One number without '/' or '%'; None when it isn't one."""
    if _PLAIN.fullmatch(text):
        if re.search(r"[eE]", text):
            return float(text)          # may be inf: checked by the caller
        return Fraction(text)
    m = _POWER.fullmatch(text)
    if m:
        mantissa = Fraction(m.group(1)) if m.group(1) else Fraction(1)
        exponent = int(m.group(2))
        if abs(exponent) > 400:
            return math.inf
        return mantissa * Fraction(10) ** exponent
    return None


def read_number(text: object) -> Reading:
    """Read a typed number.  Never raises; junk gives a Reading with a problem."""
    if not isinstance(text, str):
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            value = float(text)
            return Reading(value) if math.isfinite(value) else _fail("not_finite")
        return _fail("not_a_number")
    if len(text) > MAX_LENGTH:
        return _fail("too_long", n=len(text))
    try:
        return _read(text)
    except OverflowError:
        return _fail("not_finite")
    except (ValueError, ArithmeticError):
        return _fail("not_a_number")


def _read(text: str) -> Reading:
    s = normalise(text)
    if not s:
        return _fail("empty")
    # spaces are allowed around signs and symbols but not inside a number
    if re.search(r"\d\s+\d", s):
        return _fail("not_a_number")
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"^[A-Za-zα-ωΑ-Ω][\w'′]*=", "", s)        # "x1 = 3.1", "E = 0.16": keep the number
    s = s.lstrip("=")                                  # "≈ 2.0025"
    if s.endswith(".") and s[:-1].count(".") == 1:
        s = s[:-1]                                     # "0.25." ended like a sentence
    s = re.sub(r"(?<=[\d.])[xX](?=10)", "*", s)      # 2.5x10^-1 typed with a letter x
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    if s.count("/") > 1:
        return _fail("not_a_number")
    parts = s.split("/") if "/" in s else [s]
    values = []
    for part in parts:
        part = _commas(part)
        if isinstance(part, Reading):
            return part
        value = _simple(part)
        if value is None:
            return _fail("not_a_number")
        values.append(value)
    value = values[0]
    if len(values) == 2:
        if values[1] == 0:
            return _fail("division_by_zero")
        value = values[0] / values[1]
    if percent:
        value = value / 100
    result = float(value)
    if not math.isfinite(result):
        return _fail("not_finite")
    return Reading(result)


def close_enough(value: float, answer: float, tol: float | None = None, rtol: float | None = None) -> bool:
    """Within an absolute `tol` or a relative `rtol` of the answer.

    With neither given: half a percent, which accepts an answer rounded to
    three significant figures.
    """
    if tol is None and rtol is None:
        rtol = 5e-3
    limit = max(tol or 0.0, (rtol or 0.0) * abs(answer))
    return abs(value - answer) <= limit * (1 + 1e-9) + 1e-12
