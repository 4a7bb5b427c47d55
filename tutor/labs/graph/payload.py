"""What the graph lab's events carry, typed.

The run is the engine's (engine.autodiff.graph_events): ForwardValues,
BackwardValues and GradientsValues read the values of its steps (the engine
also writes `pass`, "forward" or "backward", which the event's kind already says).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class ForwardValues(Payload):
    """The forward pass reaches a node: its value, computed from its inputs' values (`operation`)."""
    node: int                  # its place in forward order
    name: str
    value: float
    operation: str             # e.g. "x1 * w1"; "" for an input


@dataclass(frozen=True)
class BackwardValues(Payload):
    """The backward pass reaches a node: ∂f/∂node = Σ over its uses of upstream gradient × local derivative."""
    node: int
    name: str
    grad: float
    uses: int                  # how many nodes use it (0: the output, whose gradient is 1)


@dataclass(frozen=True)
class GradientsValues(Payload):
    """The end: each input's gradient beside its finite difference (f(x + h) − f(x − h)) / 2h, and f."""
    grads: Mapping[str, float]
    numeric: Mapping[str, float]
    f: float


BY_KIND = {"forward": ForwardValues, "backward": BackwardValues, "done": GradientsValues}


def step_values(event) -> Payload | None:
    """The payload of a graph event, by its kind."""
    cls = BY_KIND.get(event.kind)
    return cls.of(event) if cls else None
