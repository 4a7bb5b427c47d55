"""Compare what a student's function returned with the engine's answer, and say
what is wrong in the student's terms.

In order: nothing returned; not the kind of value expected (a tuple of 3, an
array); a known mistake of this exercise (the check names it); the shape
("(3, 4) expected, (4, 3) given: transposed?"); nan or inf; then the numbers —
a sign flip, a factor equal to the batch size (averaged where the formula
sums, or the other way round), any other common factor, and otherwise the
first entry that differs, with both values.
"""
from __future__ import annotations

import numpy as np

from tutor.exercises.child.wire import Other
from tutor.exercises.spec import shape_text
from tutor.locale import t


def number(x: float) -> str:
    return f"{float(x):.6g}"


def index_text(index) -> str:
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def as_array(value) -> np.ndarray | None:
    """A number or an array of numbers as a float array; None for anything else."""
    if isinstance(value, bool) or value is None or isinstance(value, (Other, str, tuple)):
        return None
    if isinstance(value, (int, float)):
        return np.array(float(value))
    if isinstance(value, np.ndarray):
        return value.astype(float)
    if isinstance(value, list):
        try:
            array = np.array([_plain(v) for v in value], dtype=float)
        except (TypeError, ValueError):
            return None
        return array
    return None


def _plain(v):
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    raise TypeError("not a number")


def describe(value) -> str:
    """What kind of value this is, in a few words."""
    if value is None:
        return t("nothing (None)")
    if isinstance(value, tuple):
        return t("a tuple of {n} values", n=len(value))
    if isinstance(value, list):
        return t("a list of {n} values", n=len(value))
    if isinstance(value, np.ndarray):
        return t("an array of shape {shape}", shape=shape_text(value.shape))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return t("a number")
    kind = value.name if isinstance(value, Other) else type(value).__name__
    return t("an object of type {kind}", kind=kind)


def describe_expected(expected, names: tuple[str, ...] = ()) -> str:
    if isinstance(expected, tuple):
        if names:
            return t("{n} values ({names})", n=len(expected), names=", ".join(names))
        return t("a tuple of {n} values", n=len(expected))
    if isinstance(expected, np.ndarray) and expected.ndim:
        return t("an array of shape {shape}", shape=shape_text(expected.shape))
    return t("a number")


def close(given: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> bool:
    if given.shape != expected.shape:
        return False
    scale = max(1.0, float(np.max(np.abs(expected)))) if expected.size else 1.0
    with np.errstate(all="ignore"):
        return bool(np.allclose(given, expected, rtol=rtol, atol=atol * scale, equal_nan=False))


def split_parts(expected, given, names=()) -> tuple[str | None, list]:
    """(a problem with the whole answer, or None; the given parts when the answer is a tuple)."""
    if not isinstance(expected, tuple):
        return None, [given]
    if isinstance(given, (tuple, list)) and len(given) == len(expected):
        return None, list(given)
    what = t("the result")
    if given is None:
        return t("{what}: nothing was returned (None): is a `return` missing?", what=what), []
    return t("{what}: {expected} expected, {given} given", what=what,
             expected=describe_expected(expected, names), given=describe(given)), []


def part_problem(what: str, expected, given, *, mistakes=(), rtol=1e-6, atol=1e-9) -> str | None:
    """A problem with the kind or shape of one value (None when numbers can be compared)."""
    if given is None:
        return t("{what}: nothing was returned (None): is a `return` missing?", what=what)
    exp = np.asarray(expected, dtype=float)
    got = as_array(given)
    if got is None:
        return t("{what}: {expected} expected, {given} given", what=what,
                 expected=describe_expected(expected), given=describe(given))
    for value, message in mistakes:
        value = np.asarray(value, dtype=float)
        if got.shape == value.shape and close(got, value, rtol, atol) and not close(got, exp, rtol, atol):
            return f"{what}: {message}"
    if got.shape != exp.shape:
        if got.size == 1 and exp.size == 1:
            return None                             # a number given as [x] or x: fine
        return shape_problem(what, exp, got)
    bad = ~np.isfinite(got) & np.isfinite(exp)
    if bad.any():
        index = tuple(np.argwhere(bad)[0])
        return t("{what}: entry {index} is {given} where {expected} was expected: an overflow, or 0/0?",
                 what=what, index=index_text(index), given=number(got[index]), expected=number(exp[index]))
    return None


def shape_problem(what: str, exp: np.ndarray, got: np.ndarray) -> str:
    args = dict(what=what, expected=shape_text(exp.shape), given=shape_text(got.shape))
    if exp.ndim >= 2 and got.shape == exp.shape[::-1]:
        text = t("{what}: shape {expected} expected, {given} given: transposed?", **args)
        if close(got.T, exp, 1e-6, 1e-9):
            text += " " + t("Its transpose is exactly the right answer.")
        return text
    if got.shape == exp.shape[1:]:
        return t("{what}: shape {expected} expected, {given} given: summed or averaged over the rows, "
                 "where each row keeps its own?", **args)
    if got.shape[1:] == exp.shape and got.ndim == exp.ndim + 1:
        return t("{what}: shape {expected} expected, {given} given: not summed over the rows of the batch?", **args)
    if got.size == exp.size:
        return t("{what}: shape {expected} expected, {given} given: the right number of entries in another "
                 "shape?", **args)
    return t("{what}: shape {expected} expected, {given} given", **args)


def _ratio(exp: np.ndarray, got: np.ndarray) -> float | None:
    """c when got = c · exp for every entry (to a relative 1e-6), else None."""
    denominator = float(np.sum(exp * exp))
    if denominator == 0.0:
        return None
    c = float(np.sum(got * exp)) / denominator
    return c if close(got, c * exp, 1e-6, 1e-12) else None


def _batch_factor(ratios: list) -> str | None:
    """"averaged" when every factor is 1/n, "summed" when it is n (n the call's batch size)."""
    batches = [n for _, n in ratios]
    if not (ratios and all(c is not None for c, _ in ratios) and all(batches) and any(n > 1 for n in batches)):
        return None
    if all(abs(c * n - 1) < 1e-6 for c, n in ratios):
        return "averaged"
    if all(abs(c / n - 1) < 1e-6 for c, n in ratios):
        return "summed"
    return None


def values_problem(what: str, items: list[tuple[np.ndarray, np.ndarray, int | None]]) -> str:
    """Why the numbers differ. `items`: (expected, given, batch rows) of every failing call of
    this function, the first one first (several calls show a factor that one number cannot)."""
    exp0, got0, _ = items[0]
    if all(e.size == 1 for e, _, _ in items):       # numbers: look at all the calls at once
        exp = np.concatenate([e.ravel() for e, _, _ in items])
        got = np.concatenate([g.ravel() for _, g, _ in items])
        if len(items) >= 2 and all(n for _, _, n in items) and np.all(exp != 0):
            ratios = [(float(g.ravel()[0] / e.ravel()[0]), n) for e, g, n in items]   # one factor per batch
            if not _batch_factor(ratios):
                c = _ratio(exp, got)
                ratios = [(c, None)] if c is not None else []
        else:
            c = _ratio(exp, got) if exp.size >= 2 else None
            ratios = [(c, None)] if c is not None else []
    else:
        ratios = [(_ratio(e, g), n) for e, g, n in items if e.size >= 2]
    if ratios and all(c is not None for c, _ in ratios):
        cs = [c for c, _ in ratios]
        if all(abs(c + 1) < 1e-6 for c in cs):
            return t("{what}: every entry has the wrong sign: a sign flipped?", what=what)
        kind = _batch_factor(ratios)
        if kind:
            n = next(n for _, n in ratios if n > 1)
            if kind == "averaged":
                return t("{what}: every entry is 1/{n} of the expected one, and {n} is the batch size: "
                         "averaged where the formula sums?", what=what, n=n)
            return t("{what}: every entry is {n} times the expected one, and {n} is the batch size: "
                     "summed where the formula averages (the 1/n)?", what=what, n=n)
        if all(abs(c - cs[0]) < 1e-6 * max(1.0, abs(cs[0])) for c in cs) and abs(cs[0] - 1) > 1e-6:
            return t("{what}: every entry is {factor} times the expected one: a factor missing or extra?",
                     what=what, factor=f"{cs[0]:.4g}")
    if exp0.ndim == 0 or exp0.size == 1:
        return t("{what}: expected {expected}, given {given}", what=what,
                 expected=number(exp0.ravel()[0]), given=number(got0.ravel()[0]))
    index, expected, given = first_difference(exp0, got0)
    return t("{what}: first difference at {index}: expected {expected}, given {given}", what=what,
             index=index_text(index), expected=number(expected), given=number(given))


def first_difference(exp: np.ndarray, got: np.ndarray) -> tuple[tuple, float, float]:
    with np.errstate(all="ignore"):
        scale = max(1.0, float(np.max(np.abs(exp)))) if exp.size else 1.0
        wrong = ~np.isclose(got, exp, rtol=1e-6, atol=1e-9 * scale)
    index = tuple(np.argwhere(wrong)[0]) if wrong.any() else (0,) * exp.ndim
    return index, float(exp[index]), float(got[index])
