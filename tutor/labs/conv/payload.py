"""What the conv lab's events carry, typed: the view and the plain text read these.

The windows, the output size and the pooling windows are the engine's events
(engine/conv_steps.py): WindowValues, SizeValues and PoolValues read the values
they carry.  The pictures (image, kernel, feature map, pooled map) are the
events' arrays.
"""
from __future__ import annotations

from dataclasses import dataclass

from tutor.labs.kit.payload import Payload


@dataclass(frozen=True)
class ImageValues(Payload):
    """The first event (arrays: "image", "kernel")."""
    label: int | None          # the digit shown (None: the 5×5 worked example)


@dataclass(frozen=True)
class SizeValues(Payload):
    """The engine's output-size step: H_out = ⌊(H + 2P − K) / S⌋ + 1."""
    padding: int               # P, zeros on each side
    stride: int                # S
    h_out: int
    w_out: int


@dataclass(frozen=True)
class WindowValues(Payload):
    """The engine's step of one window: y[row, col], from the padded input at (top, left)."""
    row: int
    col: int
    top: int
    left: int
    value: float


@dataclass(frozen=True)
class PoolingValues(Payload):
    """The start of a pooling pass (arrays: the "feature_map")."""
    mode: str                  # "max" or "avg"
    size: int                  # window size and stride


@dataclass(frozen=True)
class PoolValues(WindowValues):
    """The engine's step of one pooling window, with the pass's mode."""
    mode: str


@dataclass(frozen=True)
class DoneValues(Payload):
    """The end: the feature map's side, and the pooled map's."""
    out: int
    pooled: int
