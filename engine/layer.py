"""The layer contract every layer of the engine follows.

forward(x) computes the layer's output and caches only what backward needs;
backward(grad_out) receives dL/d(output), stores the parameter gradients in
`self.grads` (same keys as `self.params`) and returns dL/d(input).
Optimizers update the arrays in `self.params` in place.
"""
from __future__ import annotations

import numpy as np


class Layer:
    name: str = "layer"

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def param_count(self) -> int:
        return int(sum(p.size for p in self.params.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.param_count()} parameters)"
