"""The triplet loss of face recognition (FaceNet; lesson "Faces, style and scans").

An anchor A, a positive P (same person) and a negative N (someone else) are
embedded as vectors; the loss asks the negative to be farther than the
positive by at least a margin α (squared Euclidean distances):

    L = max(‖f(A) − f(P)‖² − ‖f(A) − f(N)‖² + α, 0)

Rows of a batch give one loss each; `triplet_loss` returns their mean.
"""
from __future__ import annotations

import numpy as np


def squared_distance(u, v) -> np.ndarray:
    """‖u − v‖² along the last axis (one number per row of a batch)."""
    d = np.asarray(u, dtype=float) - np.asarray(v, dtype=float)
    return np.sum(d * d, axis=-1)


def triplet_losses(anchor, positive, negative, alpha: float = 0.2) -> np.ndarray:
    """The loss of each triplet (rows), before averaging."""
    return np.maximum(squared_distance(anchor, positive) - squared_distance(anchor, negative) + alpha, 0.0)


def triplet_loss(anchor, positive, negative, alpha: float = 0.2) -> float:
    """Mean triplet loss over the rows (one triplet: that triplet's loss)."""
    return float(np.mean(triplet_losses(anchor, positive, negative, alpha)))


def is_semi_hard(anchor, positive, negative, alpha: float = 0.2) -> np.ndarray:
    """FaceNet's choice of negatives: farther than the positive, but within the margin
    (d_ap < d_an < d_ap + α) — they still give a loss, yet do not stall training."""
    d_ap, d_an = squared_distance(anchor, positive), squared_distance(anchor, negative)
    return (d_ap < d_an) & (d_an < d_ap + alpha)
