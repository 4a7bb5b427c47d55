"""Reading a typed formula and comparing it with the answer.

The engine's safe parser (engine.expression, never eval) turns the text into
a callable.  Two formulas are taken to be the same function when they agree
at random points; points where the *answer* is undefined are skipped.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any, Sequence

from tutor.locale import N_, t, translated
from tutor.quiz.numbers import PROBLEMS, normalise

MAX_LENGTH = 300
POINTS = 12              # agreeing points needed
MAX_TRIES = 80           # points tried before giving up on an answer's domain

# A formula that cannot be read: too long and empty say what a number would.
FORMULA_PROBLEMS = {**PROBLEMS, "bad_formula": N_("I couldn't read that formula: {detail}")}


@dataclass(frozen=True)
class FormulaReading:
    expr: Any = None
    problem: str | None = None        # a key of FORMULA_PROBLEMS
    detail: dict | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def message(self) -> str:
        """Why it could not be read, in the student's language ("" when it could)."""
        if self.ok:
            return ""
        text = translated(FORMULA_PROBLEMS[self.problem], **(self.detail or {}))
        if self.problem == "bad_formula":
            text += " " + t("Write formulas like 2x + cos(x), x^2, exp(-x), 1/(1+exp(-x)).")
        return text


def _position_note(text: str, position: Any) -> str:
    if isinstance(position, int) and 0 <= position <= len(text):
        return f" (at “{text[:position]}⟨here⟩{text[position:]}”)"
    return ""


def read_formula(text: object, variables: Sequence[str] = ("x",)) -> FormulaReading:
    """Parse a typed formula; never raises."""
    if not isinstance(text, str):
        return FormulaReading(problem="bad_formula", detail={"detail": "not text"})
    if len(text) > MAX_LENGTH:
        return FormulaReading(problem="too_long", detail={"n": len(text)})
    if not normalise(text):
        return FormulaReading(problem="empty")
    source = text                   # the parser normalises itself and keeps positions
    try:
        from engine.expression import ExpressionError, parse
    except ImportError:  # the engine's parser has not landed in this checkout
        return FormulaReading(problem="bad_formula", detail={"detail": "the formula reader is missing"})
    try:
        expr = parse(source, variables=tuple(variables))
    except ExpressionError as exc:
        message = getattr(exc, "message", None) or str(exc)
        note = _position_note(source, getattr(exc, "position", None))
        return FormulaReading(problem="bad_formula", detail={"detail": f"{message}{note}"})
    except (RecursionError, MemoryError, ValueError, TypeError, OverflowError, ArithmeticError) as exc:
        return FormulaReading(problem="bad_formula", detail={"detail": type(exc).__name__})
    return FormulaReading(expr=expr)


def evaluate(expr: Any, point: dict[str, float]) -> float | None:
    """The value at a point, or None where the formula is undefined there."""
    import numpy as np

    try:
        with np.errstate(all="ignore"):
            value = complex(expr(**point))
    except Exception:  # any failure inside the student's formula means "undefined here"
        return None
    if abs(value.imag) > 1e-12 or not math.isfinite(value.real):
        return None
    return value.real


def _fmt(v: float) -> str:
    return f"{v:.4g}"


def compare(student: Any, answer: Any, variables: Sequence[str], seed: int,
            domain: tuple[float, float] = (-3.0, 3.0)) -> tuple[bool, str]:
    """(True, "") when they agree at every usable point, else (False, why)."""
    rng = random.Random(seed)
    low, high = domain
    agreed = 0
    for _ in range(MAX_TRIES):
        point = {v: round(rng.uniform(low, high), 3) for v in variables}
        want = evaluate(answer, point)
        if want is None:
            continue                      # the answer is undefined here: skip the point
        got = evaluate(student, point)
        where = ", ".join(f"{k} = {_fmt(v)}" for k, v in point.items())
        if got is None:
            return False, t("Your formula is undefined at {point}, where the answer is {want}.",
                            point=where, want=_fmt(want))
        if not math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-8):
            return False, t("Your formula gives {got} at {point}, but the answer gives {want} there.",
                            point=where, got=_fmt(got), want=_fmt(want))
        agreed += 1
        if agreed >= POINTS:
            break
    return agreed > 0, ""
