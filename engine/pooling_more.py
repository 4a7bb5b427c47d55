"""More pooling: L2 pooling, mixed pooling and global average pooling.

    L2 pooling      y = sqrt(sum of x^2 over the window)   (the window's length)
    mixed pooling   y = a max(window) + (1 - a) mean(window),  0 <= a <= 1
    global average  y = mean over the whole H x W map, one number per channel

Backward (δ = ∂E/∂y):
    L2      ∂y/∂x = x / y   (0 for an all-zero window)
    mixed   a times max's routing plus (1 - a) times average's equal share
    global  each of the H W positions gets δ / (H W)
"""
from __future__ import annotations

import numpy as np

from engine.layer import Layer
from engine.pooling import AvgPool2D, MaxPool2D, _Pool2D


class L2Pool2D(_Pool2D):
    """L2 pooling: the Euclidean length of each window."""

    name = "l2pool2d"

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        windows = self._windows(x)
        y = np.sqrt((windows ** 2).sum(axis=-1))
        self._x_shape, self._out_shape = np.shape(x), windows.shape[:4]
        self._windows_seen, self._y = windows, y
        return y

    def backward(self, delta: np.ndarray) -> np.ndarray:
        delta = self._checked(delta)
        y = self._y[..., None]
        share = np.divide(self._windows_seen, y, out=np.zeros_like(self._windows_seen), where=y > 0)
        return self._scatter(share * delta[..., None])


class MixedPool2D(Layer):
    """a * max pooling + (1 - a) * average pooling over the same windows."""

    name = "mixedpool2d"

    def __init__(self, size: int = 2, stride: int | None = None, a: float = 0.5) -> None:
        super().__init__()
        if not 0.0 <= float(a) <= 1.0:
            raise ValueError(f"the mixing weight a must be between 0 and 1, got {a}")
        self.a = float(a)
        self._max, self._avg = MaxPool2D(size, stride), AvgPool2D(size, stride)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        return self.a * self._max.forward(x) + (1 - self.a) * self._avg.forward(x)

    def backward(self, delta: np.ndarray) -> np.ndarray:
        return self.a * self._max.backward(delta) + (1 - self.a) * self._avg.backward(delta)


class GlobalAvgPool2D(Layer):
    """(n, C, H, W) -> (n, C): the mean of each channel's whole map."""

    name = "globalavgpool2d"

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        if x.ndim != 4:
            raise ValueError(f"GlobalAvgPool2D expects input of shape (n, C, H, W), got {x.shape}")
        self._x_shape = x.shape
        return x.mean(axis=(2, 3))

    def backward(self, delta: np.ndarray) -> np.ndarray:
        if getattr(self, "_x_shape", None) is None:
            raise RuntimeError("call forward before backward")
        n, c, h, w = self._x_shape
        if np.shape(delta) != (n, c):
            raise ValueError(f"GlobalAvgPool2D.backward expects a gradient of shape {(n, c)}, got {np.shape(delta)}")
        return np.broadcast_to(np.asarray(delta, dtype=float)[:, :, None, None] / (h * w), self._x_shape).copy()
