"""Pooling layers: MaxPool2D and AvgPool2D.

A pooling window of size s x s slides over each channel with a stride
(default: the size, so windows do not overlap) and keeps one number:
    max pooling      y = max(window)
    average pooling  y = mean(window)
There are no parameters to learn.  No padding: the output size along one axis
is floor((M - size) / stride) + 1.

Backward (δ = ∂E/∂y, one number per window)
    max  the whole gradient goes to the position that held the maximum (the
         first one on a tie); the other positions get nothing.
    avg  the gradient is shared equally: each position gets δ / (s * s).
Where windows overlap (stride < size) the contributions add up.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from engine.layer import Layer


def pool_output_size(m: int, size: int, stride: int) -> int:
    if size < 1 or stride < 1:
        raise ValueError(f"pool size and stride must be >= 1, got size = {size}, stride = {stride}")
    if m < size:
        raise ValueError(f"the pooling window ({size}) is larger than the input ({m})")
    return (m - size) // stride + 1


class _Pool2D(Layer):
    name = "pool2d"

    def __init__(self, size: int = 2, stride: int | None = None) -> None:
        super().__init__()
        self.size = int(size)
        self.stride = int(stride) if stride is not None else self.size
        pool_output_size(self.size, self.size, self.stride)  # validates size and stride
        self._x_shape: tuple[int, ...] | None = None
        self._out_shape: tuple[int, ...] = ()

    def _windows(self, x: np.ndarray) -> np.ndarray:
        """(n, C, H, W) -> (n, C, H_out, W_out, size*size), one row per window."""
        x = np.asarray(x, dtype=float)
        if x.ndim != 4:
            raise ValueError(f"{type(self).__name__} expects input of shape (n, C, H, W), got {x.shape}")
        pool_output_size(x.shape[2], self.size, self.stride)
        pool_output_size(x.shape[3], self.size, self.stride)
        s = self.stride
        w = sliding_window_view(x, (self.size, self.size), axis=(2, 3))[:, :, ::s, ::s]
        return w.reshape(*w.shape[:4], self.size * self.size)

    def _checked(self, delta: np.ndarray) -> np.ndarray:
        """backward's δ as floats, after checking forward ran and the shape fits."""
        if self._x_shape is None:
            raise RuntimeError("call forward before backward")
        if np.shape(delta) != self._out_shape:
            raise ValueError(f"{type(self).__name__}.backward expects a gradient of shape {self._out_shape}, "
                             f"got {np.shape(delta)}")
        return np.asarray(delta, dtype=float)

    def _scatter(self, share: np.ndarray) -> np.ndarray:
        """Add each window's share (n, C, H_out, W_out, size*size) back into an input-shaped array."""
        n, c, h, w = self._x_shape
        h_out, w_out = share.shape[2:4]
        s, dx = self.stride, np.zeros(self._x_shape)
        for u in range(self.size):
            for v in range(self.size):
                dx[:, :, u:u + s * h_out:s, v:v + s * w_out:s] += share[..., u * self.size + v]
        return dx


class MaxPool2D(_Pool2D):
    """Max pooling: keep the largest value of each window."""

    name = "maxpool2d"

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        windows = self._windows(x)
        self._argmax = windows.argmax(axis=-1)       # where each maximum sat
        self._x_shape, self._out_shape = np.shape(x), windows.shape[:4]
        return windows.max(axis=-1)

    def backward(self, delta: np.ndarray) -> np.ndarray:
        delta = self._checked(delta)
        positions = np.arange(self.size * self.size)
        route = self._argmax[..., None] == positions             # one-hot: the winner
        return self._scatter(route * delta[..., None])


class AvgPool2D(_Pool2D):
    """Average pooling: keep the mean of each window."""

    name = "avgpool2d"

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        windows = self._windows(x)
        self._x_shape, self._out_shape = np.shape(x), windows.shape[:4]
        return windows.mean(axis=-1)

    def backward(self, delta: np.ndarray) -> np.ndarray:
        delta = self._checked(delta)
        share = delta[..., None] / (self.size * self.size)
        return self._scatter(np.broadcast_to(share, (*share.shape[:4], self.size * self.size)))
