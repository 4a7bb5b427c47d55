"""Receptive field: how many input pixels (along one axis) one output unit sees.

A stack of layers, each (kernel K, stride S, dilation D) — a pooling window is
a layer with K = its size.  Layer by layer, with j the distance in input pixels
between two neighbouring units of the current layer (the "jump"):
    r_0 = 1, j_0 = 1
    r_l = r_{l-1} + D_l (K_l - 1) j_{l-1}
    j_l = j_{l-1} S_l
Padding moves the window but does not change its width.
"""
from __future__ import annotations

from engine.conv import effective_size


def receptive_fields(layers) -> list[int]:
    """r after each layer of `layers`, a list of (K, S) or (K, S, D) tuples.

    >>> receptive_fields([(3, 1), (3, 1), (3, 1)])
    [3, 5, 7]
    >>> receptive_fields([(5, 1), (2, 2), (5, 1), (2, 2)])
    [5, 6, 14, 16]
    """
    r, jump, out = 1, 1, []
    for layer in layers:
        k, s, d = (tuple(int(v) for v in layer) + (1,))[:3]
        if k < 1 or s < 1:
            raise ValueError(f"kernel size and stride must be >= 1, got K = {k}, S = {s}")
        r += (effective_size(k, d) - 1) * jump
        jump *= s
        out.append(r)
    return out


def receptive_field(layers) -> int:
    """The receptive field of the last layer's units (1 for no layers)."""
    fields = receptive_fields(layers)
    return fields[-1] if fields else 1
