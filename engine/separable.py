"""Depthwise-separable convolution: a per-channel K x K filter, then a 1 x 1 mix.

A standard convolution from C_in to C_out channels learns C_out x C_in x K x K
weights: every output channel looks at every input channel through its own
K x K kernel.  The separable version factors this into
    depthwise  one K x K kernel per input channel, applied to that channel alone
               (C_in K^2 weights, C_in biases)
    pointwise  a 1 x 1 convolution mixing the C_in results into C_out channels
               (C_out C_in weights, C_out biases)
It equals a standard convolution whose kernel is W[o, c] = P[o, c] * D[c]
(rank one across channels) — a restriction that costs little accuracy in
practice and saves most of the weights and multiply-adds.
"""
from __future__ import annotations

import numpy as np

from engine.conv import Conv2D, output_size


def standard_params(c_in: int, c_out: int, k: int, bias: bool = True) -> int:
    return c_out * c_in * k * k + (c_out if bias else 0)


def separable_params(c_in: int, c_out: int, k: int, bias: bool = True) -> tuple[int, int]:
    """(depthwise, pointwise) parameter counts."""
    return c_in * k * k + (c_in if bias else 0), c_out * c_in + (c_out if bias else 0)


def multiply_adds(c_in: int, c_out: int, k: int, h_out: int, w_out: int) -> tuple[int, int]:
    """Multiply-adds of (standard, separable) over an h_out x w_out output."""
    positions = h_out * w_out
    return positions * c_out * c_in * k * k, positions * (c_in * k * k + c_in * c_out)


def separable_conv(x, depthwise, pointwise, depth_bias=None, point_bias=None,
                   padding: str | int = "valid", stride: int = 1) -> np.ndarray:
    """Forward pass: x (n, C_in, H, W), depthwise (C_in, K, K), pointwise (C_out, C_in).

    Built from the engine's own Conv2D layers: C_in one-channel convolutions,
    then a 1 x 1 convolution.
    """
    x = np.asarray(x, dtype=float)
    depthwise, pointwise = np.asarray(depthwise, dtype=float), np.asarray(pointwise, dtype=float)
    c_in, k = depthwise.shape[0], depthwise.shape[-1]
    if x.ndim != 4 or x.shape[1] != c_in or pointwise.shape[1:] != (c_in,):
        raise ValueError(f"shapes do not fit: x {x.shape}, depthwise {depthwise.shape}, pointwise {pointwise.shape}")
    output_size(x.shape[2], k, padding, stride)            # a clear message if too small
    channels = []
    for c in range(c_in):
        layer = Conv2D(1, 1, k, padding=padding, stride=stride)
        layer.params["W"][...] = depthwise[c]
        layer.params["b"][...] = 0.0 if depth_bias is None else depth_bias[c]
        channels.append(layer.forward(x[:, c:c + 1]))
    mix = Conv2D(c_in, pointwise.shape[0], 1)
    mix.params["W"][...] = pointwise[:, :, None, None]
    mix.params["b"][...] = 0.0 if point_bias is None else point_bias
    return mix.forward(np.concatenate(channels, axis=1))
