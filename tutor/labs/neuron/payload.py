"""What the neuron lab's events carry, typed: one payload per kind of step, and the
truth table every step, the panel and --plain show.

Every event's values also hold `what` (the kind of step: "input", "gates", ...),
which step_values() reads to give back the right payload.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True, eq=False)
class NeuronTable:
    """The neuron on the four inputs of a logic gate, for its current weights."""
    X: np.ndarray              # the inputs (x1, x2), one row each
    u: np.ndarray              # w·x + b
    y: np.ndarray              # the activation
    answers: np.ndarray        # the output, 0 or 1
    gates: list[str]           # the gates these outputs are ("and", "or", ...)
    on_line: list[tuple[int, int]]   # inputs exactly on the threshold (u = 0)
    margin: float              # the smallest |u|
    other: str                 # the other step convention ("step" or "step0")
    other_gates: list[str]     # the gates the outputs would be with it


@dataclass(frozen=True)
class StepValues(Payload):
    """What every step carries: the weights."""
    what: ClassVar[str] = ""
    w1: float
    w2: float
    b: float

    def values(self, **extra: Any) -> dict[str, Any]:
        return super().values(what=self.what, **extra)


@dataclass(frozen=True)
class NeuronValues(StepValues):
    """The first step: u = w₁x₁ + w₂x₂ + b."""
    what = "neuron"


@dataclass(frozen=True)
class InputValues(StepValues):
    """One input through the neuron."""
    what = "input"
    x1: int
    x2: int
    u: float
    y: float
    answer: int                # the output, 0 or 1


@dataclass(frozen=True)
class GatesValues(StepValues):
    """Which logic gates the four outputs are."""
    what = "gates"
    gates: tuple[str, ...]


@dataclass(frozen=True)
class ThresholdValues(StepValues):
    """The bias as a threshold: fires when w·x > −b."""
    what = "threshold"


@dataclass(frozen=True)
class LineValues(StepValues):
    """The decision line w·x + b = 0."""
    what = "line"


@dataclass(frozen=True)
class MarginValues(StepValues):
    """The end: how far the nearest input is from the threshold."""
    what = "margin"
    margin: float


STEPS = {cls.what: cls for cls in (NeuronValues, InputValues, GatesValues, ThresholdValues, LineValues,
                                   MarginValues)}


def step_values(event) -> StepValues | None:
    """The payload of a neuron event (None for an event of no step)."""
    cls = STEPS.get(event.values.get("what"))
    return cls.of(event) if cls is not None else None
