"""What the playground's events carry, typed: the trainer fills them, the view reads them."""
from __future__ import annotations

from dataclasses import dataclass

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class Progress(Payload):
    """Where a run stands: every snapshot's values (the first event adds `layers` and
    `params`, the done event `epochs`)."""
    step: int                 # mini-batch steps taken
    epoch: int                # epochs completed
    batch: int                # batches of the current epoch done (0: at an epoch's end)
    batch_loss: float         # the last batch's loss (nan before the first step)
    train_loss: float         # the last epoch's scores (the untrained network's before one)
    test_loss: float
    train_acc: float
    test_acc: float


@dataclass(frozen=True)
class Diverged(Payload):
    """The diverged event's values: where, and what to tell the student."""
    step: int
    epoch: int
    message: str
