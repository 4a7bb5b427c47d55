"""The layer contract every layer of the engine follows.

One notation throughout the engine, the lessons': E is the loss, and
δ = ∂E/∂(a layer's output) is what flows backward.

forward(x, training) computes the layer's output and caches only what
backward needs; backward(delta) receives δ = ∂E/∂(output), stores the
parameter gradients ∂E/∂θ in `self.grads` (same keys as `self.params`) and
returns ∂E/∂(input), the δ of the layer before.
Optimizers update the arrays in `self.params` in place.  `self.buffers` holds
arrays a layer keeps but nobody trains (BatchNorm's running statistics):
Sequential saves and restores them with the parameters.

WHICH PARAMETERS WEIGHT DECAY SHRINKS (the one place this rule lives):
L2 weight decay (E + ½λ‖W‖², engine/optimizers.py) applies to the weight
matrices only: the parameters whose name starts with "W" (W, W_xh, W_f, ...).
Biases (b, b_h, b_f, ...) are not decayed, as lesson 16 says, and neither
are an LSTM's peepholes p_f, p_i, p_o: they are one number per unit, an
elementwise gate weight, not a matrix mixing inputs.  A layer with other
needs overrides `decayed`.
"""
from __future__ import annotations

import numpy as np


class Layer:
    name: str = "layer"
    # True where forward(training=True) draws random numbers (Dropout): its
    # output then changes from call to call and finite differences cannot check it.
    stochastic: bool = False

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.buffers: dict[str, np.ndarray] = {}

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        raise NotImplementedError

    def backward(self, delta: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def decayed(self) -> tuple[str, ...]:
        """The names of the parameters L2 weight decay shrinks: the weight matrices (see above)."""
        return tuple(key for key in self.params if key.startswith("W"))

    def param_count(self) -> int:
        return int(sum(p.size for p in self.params.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.param_count()} parameters)"
