"""Gradient clipping by norm: cap the length of the gradient, keep its direction.

All the gradients of a network together form one long vector g.  With a
threshold c:

    ‖g‖ = √(Σ g²)                    (over every parameter of every layer)
    g ← g · min(1, c / ‖g‖)

It fires only when ‖g‖ > c; then the step points the same way but has
length c (times η).  Below the threshold nothing changes.

`ClipNorm(optimizer, c)` wraps any optimizer: each `step(net)` first clips
the network's gradients, then lets the optimizer update.  It counts how many
steps it fired (`fired`) and keeps every norm it saw (`norms`, before clipping).
Weight decay is added after clipping, inside the wrapped optimizer.
"""
from __future__ import annotations

import numpy as np


def global_norm(arrays) -> float:
    """‖g‖ over several arrays, as if they were one vector."""
    return float(np.sqrt(sum(float(np.sum(np.square(a))) for a in arrays)))


def clip_by_norm(arrays, max_norm: float) -> tuple[float, float]:
    """Scale the arrays in place so their global norm is at most max_norm.
    Returns (the norm before, the factor applied — 1.0 when it did not fire)."""
    if not max_norm > 0:
        raise ValueError(f"the clipping threshold must be positive, got {max_norm}")
    arrays = list(arrays)
    norm = global_norm(arrays)
    scale = 1.0 if norm <= max_norm else max_norm / norm
    if scale < 1.0:
        for a in arrays:
            a *= scale
    return norm, scale


class ClipNorm:
    """An optimizer whose steps first clip the gradient to norm max_norm."""

    def __init__(self, optimizer, max_norm: float) -> None:
        if not max_norm > 0:
            raise ValueError(f"the clipping threshold must be positive, got {max_norm}")
        self.optimizer, self.max_norm = optimizer, float(max_norm)
        self.fired = 0
        self.norms: list[float] = []

    def clip(self, model) -> float:
        """Clip the gradients of every trainable parameter; returns the factor applied."""
        from engine.optimizers import trainable

        norm, scale = clip_by_norm([g for _, _, _, g, _ in trainable(model)], self.max_norm)
        self.norms.append(norm)
        self.fired += scale < 1.0
        return scale

    def step(self, model) -> None:
        self.clip(model)
        self.optimizer.step(model)

    def __getattr__(self, name):
        if name == "optimizer":          # not set yet (copy, pickle): no recursion
            raise AttributeError(name)
        # lr, t, state, begin_step, update, latex ...: those of the wrapped optimizer
        return getattr(self.optimizer, name)

    def __repr__(self) -> str:
        return f"ClipNorm({self.optimizer!r}, max_norm={self.max_norm:g})"
