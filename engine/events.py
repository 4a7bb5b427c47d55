"""Events: what a student sees at each step of a run.

Every run the app can step through is an iterator of small immutable events,
one per forward layer, loss, backward layer, parameter update, descent
iteration, gate or convolution window.  The app keeps past events so a student
can step back as well as forward.

Tracing is opt-in: code that can emit events takes a `trace` callable (or
`None`).  With `trace=None` nothing is formatted or copied, so an untraced
training step pays nothing extra.

Words: an event's caption is written as a message, an English template with
named placeholders, and its values:

    Event.said("iteration", N_("Iteration {k}"), {"k": 3}, formula)

`label` is the English ("Iteration 3"); `message` and `args` let the app show
the same caption in the student's language with the same numbers.  `N_`
marks a template so the app's catalogs can list it (tutor/locale/zh/engine.po);
the engine itself never translates.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Mapping, Optional

import numpy as np

# The kinds an event may have (the app chooses colours and icons from these).
KINDS = (
    "forward", "loss", "backward", "update",   # a training step
    "iteration",                               # a descent iteration
    "gate",                                    # one gate of a recurrent cell
    "window", "pool", "flatten",               # a convolution / pooling window
    "info", "done", "diverged",                # narration, the end of a run
)


def _frozen(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        out = np.array(value, copy=True)
        out.setflags(write=False)
        return out
    return value


@dataclass(frozen=True)
class Event:
    """One step a student can look at.

    kind     one of KINDS
    label    a short caption: "Dense 1 forward", "Iteration 3"
    formula  LaTeX with the numbers put in: r"u = Wx + b = \\begin{pmatrix}...\\end{pmatrix}"
    arrays   the arrays involved, as read-only copies: {"W": ..., "x": ..., "u": ...}
    values   scalars a view may read: {"x": 0.3268, "lr": 0.5}
    step     the position of the event in its run (0, 1, 2, ...)
    message  the label's template, "Iteration {k}" (empty for a label that is not one)
    args     its values, numbers already formatted as the label shows them: {"k": 3}
    """

    kind: str
    label: str
    formula: str = ""
    arrays: Mapping[str, np.ndarray] = field(default_factory=dict)
    values: Mapping[str, Any] = field(default_factory=dict)
    step: int = 0
    message: str = ""
    args: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}; expected one of {KINDS}")
        object.__setattr__(self, "arrays", MappingProxyType({k: _frozen(v) for k, v in self.arrays.items()}))
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "args", MappingProxyType(dict(self.args)))

    @classmethod
    def said(cls, kind: str, message: str, args: Mapping[str, Any] | None = None, formula: str = "",
             arrays: Mapping[str, np.ndarray] | None = None, values: Mapping[str, Any] | None = None,
             step: int = 0) -> "Event":
        """An event whose label is `message` filled with `args`."""
        args = dict(args or {})
        return cls(kind, message.format(**args), formula, arrays or {}, values or {}, step, message, args)


def N_(message: str) -> str:
    """Mark an English message template for translation (the gettext convention);
    it returns the template unchanged."""
    return message


# A tracer receives events; `None` means tracing is off.
Tracer = Optional[Callable[[Event], None]]


def fmt(x: float, digits: int = 4) -> str:
    """A number as it appears inside a formula: fixed decimals, no '-0.0000'; from 10⁹ on (a run
    blowing up) in powers of ten, 5.7646e+25, not twenty-six digits that push the rest off screen."""
    if abs(float(x)) >= 1e9:
        return f"{float(x):.{digits}e}"
    s = f"{float(x):.{digits}f}"
    return s.lstrip("-") if s.strip("-0.") == "" else s


def fmt_factor(x: float, digits: int = 4) -> str:
    """fmt(x) for a number after an operator: a negative one in parentheses, 3 \\cdot (-2.0000)."""
    s = fmt(x, digits)
    return f"({s})" if s.startswith("-") else s
