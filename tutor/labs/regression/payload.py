"""What the regression lab's events carry, typed.

mode=line: one payload per step of the closed form; every event's values also
hold `what` ("sums", "slope", ...), which line_values() reads to give back the
right payload.  mode=quadratic: the engine's steps (engine.descent.quadratic_fit_events)
read through Coefficients, UpdateValues, FitDoneValues and FitDivergedValues.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class LineStep(Payload):
    """A step of the closed form (mode=line)."""
    what: ClassVar[str] = ""

    def values(self, **extra: Any) -> dict[str, Any]:
        return super().values(what=self.what, **extra)


@dataclass(frozen=True)
class DataValues(LineStep):
    what = "data"
    n: int


@dataclass(frozen=True)
class SumsValues(LineStep):
    """The four sums the closed form needs."""
    what = "sums"
    n: int
    sx: float
    sy: float
    sxy: float
    sxx: float


@dataclass(frozen=True)
class LineFit(LineStep):
    """A step that knows the line: w and b."""
    w: float
    b: float


@dataclass(frozen=True)
class SlopeValues(LineFit):
    """w (b is known too, but the picture draws the slope through (x̄, ȳ) first)."""
    what = "slope"


@dataclass(frozen=True)
class InterceptValues(LineFit):
    what = "intercept"


@dataclass(frozen=True)
class LineError(LineFit):
    """A step that knows the line's squared error too."""
    sse: float


@dataclass(frozen=True)
class ErrorValues(LineError):
    """What is left: the squared error of the best line."""
    what = "error"


@dataclass(frozen=True)
class LineValues(LineError):
    """The end: the best line."""
    what = "line"


LINE_STEPS = {cls.what: cls for cls in (DataValues, SumsValues, SlopeValues, InterceptValues, ErrorValues,
                                        LineValues)}


def line_values(event) -> LineStep | None:
    """The payload of a mode=line event."""
    cls = LINE_STEPS.get(event.values.get("what"))
    return cls.of(event) if cls is not None else None


@dataclass(frozen=True)
class Coefficients(Payload):
    """ŷ = a x² − b x + c: what every mode=quadratic event carries (from 0, 0, 0)."""
    a: float
    b: float
    c: float


@dataclass(frozen=True)
class UpdateValues(Coefficients):
    """The engine's gradient step (a, b, c: after it)."""
    step: int
    loss: float
    dA: float
    dB: float
    dC: float


@dataclass(frozen=True)
class FitDoneValues(Coefficients):
    loss: float
    steps: int


@dataclass(frozen=True)
class FitDivergedValues(Coefficients):
    step: int
