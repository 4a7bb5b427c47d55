"""What the gd1d lab's events carry, typed.

The run is the engine's (engine.descent.descent_events): StartValues,
HalveValues, IterationValues, DoneValues and DivergedValues read the values of
its steps.  Side by side (compare=...), every event also carries `run_lr`, the
run it belongs to (RunValues); a run's end becomes an "info" event whose values
say `end` ("done" or "diverged"); the last event compares both (CompareValues).
"""
from __future__ import annotations

from dataclasses import dataclass

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class StartValues(Payload):
    """x₀ and f(x₀)."""
    x: float
    f: float
    lr: float


@dataclass(frozen=True)
class HalveValues(Payload):
    """The slope changed sign: η ← η / 2."""
    iteration: int
    gradient: float
    last_gradient: float
    lr_before: float
    lr_after: float


@dataclass(frozen=True)
class IterationValues(Payload):
    """x_{k+1} = x_k − η f′(x_k)."""
    iteration: int             # k
    x: float                   # x_{k+1}
    f: float                   # f(x_{k+1})
    gradient: float            # f′(x_k)
    lr: float                  # η
    x_prev: float              # x_k


@dataclass(frozen=True)
class DoneValues(Payload):
    """The run stopped: a step shorter than min_step (converged) or max_iter reached."""
    x: float
    f: float
    gradient: float
    iterations: int
    reason: str
    converged: bool


@dataclass(frozen=True)
class DivergedValues(Payload):
    """The run blew up at iteration `step`."""
    step: int
    iteration: int
    x: float
    reason: str                # an engine message key (engine/descent.py)


@dataclass(frozen=True)
class RunValues(Payload):
    """Side by side: which run an event belongs to."""
    run_lr: float


@dataclass(frozen=True)
class CompareValues(Payload):
    """Side by side, the last event: each run's learning rate and its iterations."""
    rates: tuple[float, ...]
    iterations: tuple[int, ...]


BY_WHAT = {"start": StartValues, "halve": HalveValues, "compare": CompareValues}
ENDS = {"done": DoneValues, "diverged": DivergedValues}


def step_values(event) -> Payload | None:
    """The payload of a gd1d event: by its `what`, else by how it ended, else an iteration."""
    what = event.values.get("what")
    if what in BY_WHAT:
        return BY_WHAT[what].of(event)
    end = event.values.get("end", event.kind)          # side by side, a run's end is an "info" event
    if end in ENDS:
        return ENDS[end].of(event)
    return IterationValues.of(event) if event.kind == "iteration" else None
