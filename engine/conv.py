"""Conv2D: a two-dimensional convolution layer, forward and backward.

A note on the name.  Textbooks define convolution with the kernel flipped:
    (x * k)[i, j] = sum_{u,v} x[i - u, j - v] k[u, v].
Deep-learning frameworks (and this engine) slide the kernel *unflipped*:
    y[i, j] = sum_{u,v} x[i + u, j + v] k[u, v] + b,
which is cross-correlation.  Because the kernel is learned, the two differ only
by a rotation of the learned kernel by 180 degrees, so nobody bothers to flip.

Shapes
    input   x  (n, C_in, H, W)        a batch of images with C_in channels
    kernel  W  (C_out, C_in, K, K)    one K x K slice per input channel
    bias    b  (C_out,)               one number per output channel
    output  y  (n, C_out, H_out, W_out)

Output size along one axis (M = input size, P = padding, S = stride):
    floor((M + 2P - K) / S) + 1
With dilation D the kernel's taps are D apart, so it spans K_eff = D(K - 1) + 1
pixels with still K x K weights; K_eff takes K's place in every formula above
and below (padding "same" and "full" included).
    valid  P = 0          ->  M - K + 1
    same   P = (K - 1)/2  ->  M          (stride 1, odd K)
    full   P = K - 1      ->  M + K - 1

Vectorised with im2col: every K x K window (all channels) becomes one row of a
matrix, so the whole layer is a single matrix product.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from engine.layer import Layer

PADDINGS = ("valid", "same", "full")


def padding_amount(k: int, padding: str | int) -> int:
    """The number of zeros added on each side for a padding mode."""
    if isinstance(padding, (int, np.integer)) and not isinstance(padding, bool):
        if padding < 0:
            raise ValueError(f"padding must be >= 0, got {padding}")
        return int(padding)
    if padding == "valid":
        return 0
    if padding == "same":
        if k % 2 == 0:
            raise ValueError(f"'same' padding needs an odd kernel size, got K = {k}")
        return (k - 1) // 2
    if padding == "full":
        return k - 1
    raise ValueError(f"padding must be one of {PADDINGS} or a whole number, got {padding!r}")


def effective_size(k: int, dilation: int = 1) -> int:
    """The span of a K-tap kernel whose taps are `dilation` apart: D(K - 1) + 1."""
    k, dilation = int(k), int(dilation)
    if dilation < 1:
        raise ValueError(f"dilation must be >= 1, got {dilation}")
    return dilation * (k - 1) + 1


def output_size(m: int, k: int, padding: str | int = "valid", stride: int = 1, dilation: int = 1) -> int:
    """Output length along one axis: floor((M + 2P - K_eff) / S) + 1, K_eff = D(K - 1) + 1.

    >>> output_size(5, 3, "valid"), output_size(5, 3, "same"), output_size(5, 3, "full")
    (3, 5, 7)
    >>> output_size(7, 3, "valid", stride=2)
    3
    >>> output_size(7, 3, "valid", dilation=2)
    3
    """
    m, k, stride = int(m), int(k), int(stride)
    if m < 1 or k < 1:
        raise ValueError(f"input size and kernel size must be >= 1, got M = {m}, K = {k}")
    if stride < 1:
        raise ValueError(f"stride must be >= 1, got {stride}")
    k = effective_size(k, dilation)
    p = padding_amount(k, padding)
    if m + 2 * p < k:
        raise ValueError(f"the kernel (K = {k}) is larger than the padded input (M + 2P = {m + 2 * p})")
    return (m + 2 * p - k) // stride + 1


def im2col(xp: np.ndarray, k: int, stride: int, dilation: int = 1) -> np.ndarray:
    """Windows of a padded batch as rows: (n, C, H, W) -> (n, H_out, W_out, C*K*K).

    With dilation D each window spans D(K - 1) + 1 pixels and keeps every D-th."""
    n, c = xp.shape[:2]
    span, d = effective_size(k, dilation), int(dilation)
    windows = sliding_window_view(xp, (span, span), axis=(2, 3))[:, :, ::stride, ::stride, ::d, ::d]
    # windows: (n, C, H_out, W_out, K, K); move channels next to the kernel axes
    h_out, w_out = windows.shape[2:4]
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(n, h_out, w_out, c * k * k)


class Conv2D(Layer):
    """2-D convolution (cross-correlation, see the module docstring).

    Conv2D(in_channels, out_channels, kernel_size, padding="valid"|"same"|"full"|P,
           stride=1, seed=0, dilation=1)
    W is initialised with He's rule, N(0, 2 / (C_in K K)), from a seeded
    generator, so the same seed always gives the same layer; b starts at 0.
    """

    name = "conv2d"

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int,
                 padding: str | int = "valid", stride: int = 1, seed: int | None = 0,
                 dilation: int = 1) -> None:
        super().__init__()
        if in_channels < 1 or out_channels < 1 or kernel_size < 1:
            raise ValueError("channels and kernel size must be >= 1")
        if stride < 1:
            raise ValueError(f"stride must be >= 1, got {stride}")
        self.in_channels, self.out_channels = int(in_channels), int(out_channels)
        self.k, self.stride, self.padding = int(kernel_size), int(stride), padding
        self.dilation = int(dilation)
        self.p = padding_amount(effective_size(self.k, self.dilation), padding)
        rng = np.random.default_rng(seed)
        fan_in = in_channels * kernel_size * kernel_size
        self.params["W"] = rng.normal(0.0, np.sqrt(2.0 / fan_in),
                                      size=(out_channels, in_channels, kernel_size, kernel_size))
        self.params["b"] = np.zeros(out_channels)
        self.grads = {key: np.zeros_like(v) for key, v in self.params.items()}
        self._cols: np.ndarray | None = None
        self._x_shape: tuple[int, ...] | None = None

    def output_shape(self, h: int, w: int) -> tuple[int, int]:
        return (output_size(h, self.k, self.padding, self.stride, self.dilation),
                output_size(w, self.k, self.padding, self.stride, self.dilation))

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        if x.ndim != 4 or x.shape[1] != self.in_channels:
            raise ValueError(f"Conv2D expects input of shape (n, {self.in_channels}, H, W), got {x.shape}")
        self.output_shape(x.shape[2], x.shape[3])          # a clear message if too small
        p = self.p
        xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))     # zeros around each image
        cols = im2col(xp, self.k, self.stride, self.dilation)  # (n, H_out, W_out, C_in K K)
        W_flat = self.params["W"].reshape(self.out_channels, -1)
        y = cols @ W_flat.T + self.params["b"]              # (n, H_out, W_out, C_out)
        self._cols, self._x_shape = cols, x.shape           # backward needs only these
        return y.transpose(0, 3, 1, 2)

    def backward(self, delta: np.ndarray) -> np.ndarray:
        """δ = ∂E/∂y (n, C_out, H_out, W_out) -> ∂E/∂x; fills grads["W"], grads["b"]."""
        if self._cols is None:
            raise RuntimeError("call forward before backward")
        cols, (n, c, h, w) = self._cols, self._x_shape
        k, s, p, dil = self.k, self.stride, self.p, self.dilation
        expected = (n, self.out_channels, *cols.shape[1:3])
        if np.shape(delta) != expected:
            raise ValueError(f"Conv2D.backward expects a gradient of shape {expected}, got {np.shape(delta)}")
        d = np.asarray(delta, dtype=float).transpose(0, 2, 3, 1)  # δ as (n, H_out, W_out, C_out), like cols
        h_out, w_out = d.shape[1:3]
        W = self.params["W"]
        # dW: each kernel weight met every input value under it, times δ there.
        self.grads["W"] = (d.reshape(-1, self.out_channels).T
                           @ cols.reshape(-1, cols.shape[-1])).reshape(W.shape)
        self.grads["b"] = d.sum(axis=(0, 1, 2))
        # dX: send δ back through each window (col2im), adding where windows overlap.
        dcols = (d @ W.reshape(self.out_channels, -1)).reshape(n, h_out, w_out, c, k, k)
        dxp = np.zeros((n, c, h + 2 * p, w + 2 * p))
        for u in range(k):              # K*K vectorised slices, not one loop per pixel
            for v in range(k):
                a, b = u * dil, v * dil     # where tap (u, v) sits in its window
                dxp[:, :, a:a + s * h_out:s, b:b + s * w_out:s] += dcols[..., u, v].transpose(0, 3, 1, 2)
        return dxp[:, :, p:p + h, p:p + w]
