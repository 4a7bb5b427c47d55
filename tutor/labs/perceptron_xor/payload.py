"""What the perceptron-xor lab's events carry, typed: the views and the plain text read these."""
from __future__ import annotations

from dataclasses import dataclass

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class RuleValues(Payload):
    """The first event: the classic perceptron rule on AND and on XOR."""
    and_passes: int            # AND's first pass without a mistake
    and_learned: bool
    xor_passes: int            # passes XOR was given (it never gets there)
    xor_learned: bool
    xor_last_mistakes: int     # XOR's mistakes in its last pass
    and_w1: float              # AND's learned weights and bias
    and_w2: float
    and_b: float


@dataclass(frozen=True)
class Score:
    """One model after an epoch."""
    loss: float                # training loss (sigmoid + cross-entropy)
    acc: float                 # accuracy, an undecided output counted wrong


@dataclass(frozen=True)
class EpochValues(Payload):
    """An epoch of the three models (also the done event's values)."""
    epoch: int
    and1: Score                # AND, one neuron
    xor1: Score                # XOR, one neuron
    xor2: Score                # XOR, the 2-2-1 net

    def score(self, key: str) -> Score:
        """The score of a model by its key in models.MODELS."""
        return {"and1": self.and1, "xor1": self.xor1, "xor2": self.xor2}[key]


@dataclass(frozen=True)
class DivergedValues(Payload):
    """The run stopped: a model's loss blew up."""
    step: int
    model: str                 # its key in models.MODELS
    message: str               # what went wrong
