"""Glue between a lesson's checked numbers and tutor/facts/.

`agrees(value, written)` is the rule the content test and `dltutor check`
share: the computed value must round to the number as written — within half
a unit of its last written digit (|v − d| ≤ 0.5·10^−k), integers exactly.
"""
from __future__ import annotations

import difflib
import math
from decimal import Decimal, InvalidOperation

from tutor.content.model import Lesson
from tutor.locale import t


def tolerance(written: str) -> float:
    """Half a unit in the last digit written: '2.0025' -> 0.00005, '12' -> 0."""
    exponent = Decimal(written.replace("_", "")).as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0 and "." not in written and "e" not in written.lower():
        return 0.0
    return 0.5 * 10.0 ** exponent


def agrees(value: float, written: str) -> bool:
    try:
        target = float(written.replace("_", ""))
        value = float(value)
        tol = tolerance(written)
    except (ValueError, TypeError, InvalidOperation):
        return False
    if not math.isfinite(value):
        return False
    # A hair of slack for binary floating point (2.00245 may come out as 2.0024499999).
    slack = 1e-12 * max(1.0, abs(target))
    return abs(value - target) <= tol + slack


def compute(key: str, facts: dict) -> float:
    """Run one fact; any failure becomes a ValueError with a readable reason."""
    try:
        return float(facts[key]())
    except Exception as exc:  # the fact's own bug: report it, don't crash check
        raise ValueError(t("fact {key} failed: {error}", key=repr(key), error=f"{type(exc).__name__}: {exc}")) from exc


def fact_problems(lesson: Lesson, facts: dict, evaluate: bool = True) -> list[tuple[int, str]]:
    """(line, reason) for each unknown key or number that disagrees with its fact."""
    problems: list[tuple[int, str]] = []
    values: dict[str, float | str] = {}
    for key, written, line in lesson.facts:
        if key not in facts:
            close = difflib.get_close_matches(key, list(facts), n=3)
            hint = t("; did you mean {name}?", name=", ".join(close)) if close else ""
            problems.append((line, t("unknown fact key {key}{hint}", key=repr(key), hint=hint)))
            continue
        if not evaluate:
            continue
        if key not in values:
            try:
                values[key] = compute(key, facts)
            except ValueError as exc:
                values[key] = str(exc)
        value = values[key]
        if isinstance(value, str):
            problems.append((line, value))
        elif not agrees(value, written):
            problems.append((line, t("checked number {written} disagrees with fact {key} = {value}",
                                     written=written, key=repr(key), value=repr(value))))
    return problems
