"""What the derivative lab's events carry, typed: one payload per kind of step.

Every event's values also hold `what` (the kind of step: "tangent", "critical", ...),
which step_values() reads to give back the right payload.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class StepValues(Payload):
    """What every step carries: the point the picture's tangent sits at."""
    what: ClassVar[str] = ""
    x0: float

    def values(self, **extra: Any) -> dict[str, Any]:
        return super().values(what=self.what, **extra)


@dataclass(frozen=True)
class FunctionValues(StepValues):
    """The function on the picture's range."""
    what = "function"


@dataclass(frozen=True)
class TangentValues(StepValues):
    """The tangent at x0: y = f(x0) + f′(x0)(x − x0)."""
    what = "tangent"
    f: float                   # f(x0)
    slope: float               # f′(x0)
    bend: float                # f″(x0)


@dataclass(frozen=True)
class ApproxValues(StepValues):
    """The tangent's estimate of f at x, against the exact value."""
    what = "approx"
    x: float
    estimate: float
    exact: float
    error: float               # exact − estimate


@dataclass(frozen=True)
class CriticalValues(StepValues):
    """f′(x0) = 0, and what it is (x0: the critical point)."""
    what = "critical"
    kind: str                  # "minimum", "maximum", "no extremum"
    bend: float                # f″ there
    f: float


@dataclass(frozen=True)
class InflectionValues(StepValues):
    """f″ changes sign at x0."""
    what = "inflection"


@dataclass(frozen=True)
class ShapeValues(StepValues):
    """The end: where f is convex and where concave."""
    what = "shape"
    convex: list[tuple[float, float]]     # intervals (a, b)
    concave: list[tuple[float, float]]


STEPS = {cls.what: cls for cls in (FunctionValues, TangentValues, ApproxValues, CriticalValues, InflectionValues,
                                   ShapeValues)}


def step_values(event) -> StepValues | None:
    """The payload of a derivative event (None for an event of no step)."""
    cls = STEPS.get(event.values.get("what"))
    return cls.of(event) if cls is not None else None
