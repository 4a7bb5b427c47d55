"""What an exercise is, and what one checked call of it is (a Case).

An exercise module in tutor/exercises/checks/ builds its cases with the engine:
each case is a probe for the checking process (what to call with what), the
engine's answer, and what a student needs to read when the answers differ.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from tutor.exercises.child import wire
from tutor.locale import t


@dataclass
class Case:
    probe: dict                         # wire-encoded, for the child (see child/probes.py)
    call: str                           # the call in the student's words
    expected: Any = None                # the engine's answer: array, number, or tuple of them
    names: tuple[str, ...] = ()         # the parts of a tuple answer, as the docstring names them
    order: tuple[int, ...] | None = None   # compare the parts in this order (backpropagation's)
    batch: int | None = None            # rows in the batch: spots averaging where the formula sums
    mistakes: dict = field(default_factory=dict)   # part index (None: whole answer) -> [(value, message)]
    rtol: float = 1e-6
    atol: float = 1e-9
    group: str = ""                     # cases of one function: a factor or sign seen across all of them
    judge: Callable[[Any], str | None] | None = None   # a custom verdict instead of comparing
    fd: dict = field(default_factory=dict)   # part -> index of a finite-difference case of the same numbers
    fd_names: tuple[str, str] = ("", "")     # (forward, backward) as the student named them
    warnings_ok: bool = False          # judge the answer even if NumPy warned
    shown: bool = True                  # False: a helper probe (finite differences), never judged alone


def describe_call(func: str, params: str, args: list[tuple[str, Any]], label: str = "") -> str:
    """`backward(delta, x, W) with delta of shape (4, 2), …`, and the case's label if it has one."""
    head = f"{func}({params})"
    parts = []
    for name, value in args:
        if name.startswith("_"):
            continue
        if isinstance(value, np.ndarray):
            parts.append(t("{name} of shape {shape}", name=name, shape=shape_text(value.shape)))
        elif callable(value) and getattr(value, "formula", None):
            parts.append(f"{name}(x) = {value.formula}")
        elif isinstance(value, (int, float, np.floating)):
            parts.append(f"{name} = {float(value):g}")
    text = t("{call} with {args}", call=head, args=", ".join(parts)) if parts else head
    return f"{text} — {label}" if label else text


def shape_text(shape) -> str:
    shape = tuple(int(n) for n in shape)
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def call_case(func: str, params: str, args: list[tuple[str, Any]], expected, *, label: str = "",
              kwargs: dict | None = None, **options) -> Case:
    """A case that calls `func(*args)` in the child and compares with `expected`."""
    kwargs = kwargs or {}
    probe = {"probe": "call", "func": func, "args": [wire.encode(v) for _, v in args],
             "kwargs": {k: wire.encode(v) for k, v in kwargs.items()}}
    options.setdefault("group", func)
    return Case(probe, describe_call(func, params, [*args, *kwargs.items()], label), expected, **options)


def numgrad_case(func: str, args: list, wrt: int, weights: np.ndarray, select: int | None = None) -> Case:
    """A helper probe: finite differences of the student's own `func` (for the message of a wrong backward)."""
    probe = {"probe": "numgrad", "func": func, "args": [wire.encode(v) for v in args], "wrt": wrt,
             "weights": wire.encode(weights), "select": select}
    return Case(probe, "", shown=False)
