"""What the losses lab's events carry, typed.

Part 1 (`part` = "binary"): the convention (IntroValues), then for each p the
two losses and their gradients with respect to the logit (BinaryLosses).
Part 2 (`part` = "softmax"): the softmax, the cross-entropy, its gradient ŷ − t
(SoftmaxValues, SoftmaxGradValues; the vectors are the event's arrays, SoftmaxCE).
Every event's values also hold `part`, which step_values() reads.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class PartValues(Payload):
    """What every step carries: the part of the lab it belongs to."""
    part: ClassVar[str] = ""

    def values(self, **extra: Any) -> dict[str, Any]:
        return super().values(part=self.part, **extra)


@dataclass(frozen=True)
class IntroValues(PartValues):
    """Part 1's first step: the loss convention (a message, shown in the student's language)."""
    part = "binary"
    convention: str


@dataclass(frozen=True)
class BinaryLosses(PartValues):
    """Target 1, p = σ(z): E_MSE = ½(1 − p)², E_CE = −ln p, and their gradients with respect to z,
    ∂E_MSE/∂z = (p − 1)·p(1 − p) and ∂E_CE/∂z = p − 1."""
    part = "binary"
    p: float
    z: float                   # the logit, ln(p / (1 − p))
    mse: float                 # ½(1 − p)²
    sq: float                  # (1 − p)², MSE without the ½
    ce: float                  # −ln p
    sigma_prime: float         # σ′(z) = p(1 − p)
    dmse_dz: float
    dce_dz: float


@dataclass(frozen=True)
class SoftmaxValues(PartValues):
    """Part 2: the true class and E = −ln ŷ_target, ŷ = softmax(z)."""
    part = "softmax"
    target: int
    E: float


@dataclass(frozen=True)
class SoftmaxGradValues(SoftmaxValues):
    """∂E/∂z = ŷ − t, and its largest difference from the finite differences."""
    max_difference: float


@dataclass(frozen=True)
class SoftmaxCE:
    """ŷ = softmax(z), the one-hot t, E = −ln ŷ_target and ∂E/∂z = ŷ − t (the engine's fused loss)."""
    z: np.ndarray
    yhat: np.ndarray
    t: np.ndarray
    E: float
    grad: np.ndarray

    def arrays(self) -> dict[str, np.ndarray]:
        """The vectors, as an event's arrays."""
        return {"z": self.z, "yhat": self.yhat, "t": self.t, "grad": self.grad}


def step_values(event) -> PartValues | None:
    """The payload of a losses event (None for an event of no part)."""
    part = event.values.get("part")
    for cls in ((IntroValues, BinaryLosses) if part == "binary" else
                (SoftmaxGradValues, SoftmaxValues) if part == "softmax" else ()):
        found = cls.of(event)
        if found is not None:
            return found
    return None
