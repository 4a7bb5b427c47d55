"""What the backprop lab's events carry, typed.

Iteration 1 is the engine's (engine.backprop_example.events), read with `.of`:
StepValues reads a forward, loss, backward or update step, AfterValues the
"Weights after iteration k" that follows each iteration, DoneValues the end.
The lab's own events after iteration 1 are IterationValues (one summary per
iteration or per few), DoneValues and DivergedValues.

The worked example's numbers keep their names (`net_h1`, `∂E/∂net_o1`, an
update's new `w5`): they are the lesson's notation, not Python names, so a
step carries them as a Mapping, `StepValues.quantities`, in the engine's order.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Union

from tutor.labs.kit.payload import Payload

WEIGHTS = ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8")
ENGINE_NUMBERS = ("E", "lr")   # numbers engine.stepping writes beside the example's names (E is E_total again)


@dataclass(frozen=True)
class Weights(Payload):
    """w1..w8: W¹ = [[w1, w2], [w3, w4]] (into h1, h2), W² = [[w5, w6], [w7, w8]] (into o1, o2)."""
    w1: float
    w2: float
    w3: float
    w4: float
    w5: float
    w6: float
    w7: float
    w8: float

    def named(self) -> dict[str, float]:
        """w1..w8 by their names in the example, in order."""
        return {name: getattr(self, name) for name in WEIGHTS}

    def matrices(self) -> tuple[list[list[float]], list[list[float]]]:
        """W¹ and W² in the engine's shape (out, in)."""
        return [[self.w1, self.w2], [self.w3, self.w4]], [[self.w5, self.w6], [self.w7, self.w8]]


@dataclass(frozen=True)
class AfterValues(Weights):
    """The engine's "Weights after iteration k"."""
    iteration: int


@dataclass(frozen=True)
class IterationValues(Weights):
    """The lab's summary of a later iteration: its total error and the weights after it."""
    iteration: int
    E_total: float


@dataclass(frozen=True)
class DoneValues(Weights):
    """The end of the run: the total error after `iterations` iterations and the final weights."""
    E_total: float
    iterations: int


@dataclass(frozen=True)
class DivergedValues(Payload):
    """The error stopped being a finite number at step `step`, in iteration `iteration`."""
    step: int
    iteration: int


@dataclass(frozen=True)
class StepValues(Payload):
    """One step of an iteration worked in full: a forward, loss, backward or update step."""
    iteration: int
    layer: int | None                  # the engine's layer index (Dense 1, Sigmoid 1, Dense 2, Sigmoid 2 = 0..3); loss: None
    quantities: Mapping[str, float]    # the example's names of the step's numbers, in the engine's order
    lr: float | None = None            # η, on an update

    @classmethod
    def of(cls, event_or_values: Any) -> StepValues | None:
        """The step an engine event of engine.backprop_example carries; None for another kind of event."""
        values = event_or_values if isinstance(event_or_values, Mapping) else event_or_values.values
        if "iteration" not in values or not ("layer" in values or "loss" in values):
            return None
        quantities = {key: value for key, value in values.items()
                      if isinstance(value, float) and key not in ENGINE_NUMBERS}
        return cls(values["iteration"], values.get("layer"), MappingProxyType(quantities), values.get("lr"))

    def new_weights(self) -> dict[str, float]:
        """An update's weights after it (w1..w4 or w5..w8); empty for the other steps."""
        return {key: value for key, value in self.quantities.items() if key in WEIGHTS}


BackpropValues = Union[StepValues, AfterValues, IterationValues, DoneValues, DivergedValues]
BY_KIND: dict[str, type[Payload]] = {
    "forward": StepValues, "loss": StepValues, "backward": StepValues, "update": StepValues,
    "info": AfterValues, "iteration": IterationValues, "done": DoneValues, "diverged": DivergedValues,
}


def step_values(event) -> BackpropValues | None:
    """The payload of a backprop event (the engine's or the lab's), by its kind."""
    cls = BY_KIND.get(event.kind)
    return cls.of(event) if cls else None   # type: ignore[return-value]


def iteration_of(payload: BackpropValues | None) -> int | None:
    """The iteration an event belongs to; None for the end of the run (or an event of another kind)."""
    return None if payload is None or isinstance(payload, DoneValues) else payload.iteration
