"""Where the playground's points fall on a grid of cells: the decision regions as text
(plain output) and the geometry the view draws with."""
from __future__ import annotations

import numpy as np

from tutor.labs.playground.trainer import Trainer


def grid_for(Xs, cols: int, rows: int) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """Points covering the data (top row = largest x₂) and the box (x_lo, x_hi, y_lo, y_hi)."""
    allX = np.vstack(Xs)
    lo, hi = allX.min(axis=0) - 0.3, allX.max(axis=0) + 0.3
    gx, gy = np.linspace(lo[0], hi[0], cols), np.linspace(hi[1], lo[1], rows)
    xx, yy = np.meshgrid(gx, gy)
    return np.c_[xx.ravel(), yy.ravel()], (lo[0], hi[0], lo[1], hi[1])


def to_cells(X, box, cols: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    x_lo, x_hi, y_lo, y_hi = box
    c = np.clip(np.round((X[:, 0] - x_lo) / (x_hi - x_lo) * (cols - 1)), 0, cols - 1).astype(int)
    r = np.clip(np.round((y_hi - X[:, 1]) / (y_hi - y_lo) * (rows - 1)), 0, rows - 1).astype(int)
    return r, c


def region_lines(t: Trainer, cols: int = 48, rows: int = 20) -> list[str]:
    points, box = grid_for([t.Xtr, t.Xte], cols, rows)
    cls = (t.net.predict(points) > 0).reshape(rows, cols)
    grid = np.where(cls, "1", "·").astype(object)
    for X, y, marks in ((t.Xte, t.yte[:, 0], "ox"), (t.Xtr, t.ytr[:, 0], "OX")):
        r, c = to_cells(X, box, cols, rows)
        grid[r, c] = np.where(y > 0.5, marks[1], marks[0])
    return ["".join(row) for row in grid]
