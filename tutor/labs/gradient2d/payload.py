"""What the gradient2d lab's events carry, typed.

The run first reads f at the point (ReadoutStep: the function, its value, ∂f/∂x,
∂f/∂y, the gradient, and with max_iter=0 the end), then walks downhill with the
engine (engine.descent.descent2d_events): StartValues, HalveValues,
IterationValues, DoneValues and DivergedValues read the values of its steps.
"""
from __future__ import annotations

from dataclasses import dataclass

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class Readout(Payload):
    """f(x, y), ∂f/∂x and ∂f/∂y (central differences) and |∇f| = √((∂f/∂x)² + (∂f/∂y)²) at (x, y)."""
    x: float
    y: float
    f: float
    dx: float                  # ∂f/∂x
    dy: float                  # ∂f/∂y
    grad_norm: float           # |∇f|

    def step(self, what: str) -> ReadoutStep:
        """This readout as one step of the run: `what` it shows."""
        return ReadoutStep(self.x, self.y, self.f, self.dx, self.dy, self.grad_norm, what)


@dataclass(frozen=True)
class ReadoutStep(Readout):
    """A step before the descent: `what` is function, value, dx, dy, gradient or end (max_iter=0)."""
    what: str


@dataclass(frozen=True)
class StartValues(Payload):
    """The descent starts at (x₀, y₀) with f(x₀, y₀) and η."""
    x: float
    y: float
    f: float
    lr: float


@dataclass(frozen=True)
class HalveValues(Payload):
    """∇f_k · ∇f_{k−1} < 0, the gradient turned back: η ← η / 2."""
    iteration: int
    lr_before: float
    lr_after: float


@dataclass(frozen=True)
class IterationValues(Payload):
    """(x, y) ← (x, y) − η ∇f(x, y): the new point, f there and the gradient used."""
    iteration: int
    x: float
    y: float
    f: float
    dx: float
    dy: float
    grad_norm: float
    lr: float


@dataclass(frozen=True)
class DoneValues(Payload):
    """The descent stopped: a step shorter than min_step (converged) or max_iter reached."""
    x: float
    y: float
    f: float
    iterations: int
    reason: str
    converged: bool


@dataclass(frozen=True)
class DivergedValues(Payload):
    """The descent blew up at iteration `step`."""
    step: int
    iteration: int
    reason: str                # an engine message key (engine/descent.py)


AT_A_POINT = (Readout, StartValues, IterationValues, DoneValues)     # the payloads with an (x, y)
READOUTS = ("function", "value", "dx", "dy", "gradient", "end")
BY_WHAT = {"start": StartValues, "halve": HalveValues}
BY_KIND = {"iteration": IterationValues, "done": DoneValues, "diverged": DivergedValues}


def step_values(event) -> Payload | None:
    """The payload of a gradient2d event: by its `what`, else by its kind."""
    what = event.values.get("what")
    if what in READOUTS:
        return ReadoutStep.of(event)
    cls = BY_WHAT.get(what) or BY_KIND.get(event.kind)
    return cls.of(event) if cls else None
