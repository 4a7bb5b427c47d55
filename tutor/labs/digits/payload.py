"""What the digits lab's events carry, typed: the view and the plain text read these.

The epochs carry kit.training's EpochValues; the pictures (a digit, its
probabilities, the confusion matrix, the wrong digits) are the events' arrays.
"""
from __future__ import annotations

from dataclasses import dataclass

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class DataValues(Payload):
    """The first event: the split and the network."""
    train: int                 # digits to train on
    test: int                  # digits to test on
    parameters: int            # the network's weights and biases


@dataclass(frozen=True)
class TestValues(Payload):
    """The trained network on the test set (arrays: "confusion")."""
    test_acc: float
    names: tuple[str, ...]     # the classes, "0" .. "9": the confusion matrix's rows and columns


@dataclass(frozen=True)
class DigitValues(Payload):
    """One test digit and what the network reads (arrays: "image", "probs")."""
    index: int                 # in the test set
    label: int                 # the true digit
    predicted: int


@dataclass(frozen=True)
class WrongValues(Payload):
    """How many test digits are wrong (arrays: the first few, "wrong_images", ...)."""
    wrong: int


@dataclass(frozen=True)
class GradientValues(Payload):
    """FGSM's first step: ∇_x E of a test digit the network reads right (arrays: "image", "grad", "sign")."""
    index: int
    label: int


@dataclass(frozen=True)
class FgsmValues(Payload):
    """The digit moved by ε·sign(∇_x E) (arrays: "image", "original", "probs", "probs_before")."""
    index: int
    label: int
    eps: float                 # the smallest ε tried that flips it (or the student's)
    predicted: int             # what the network reads now
    flipped: bool
    confidence: float          # its probability of `predicted`


@dataclass(frozen=True)
class DoneValues(Payload):
    """The end of the run."""
    test_acc: float
    wrong: int
