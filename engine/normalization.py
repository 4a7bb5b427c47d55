"""Normalisation layers: BatchNorm, LayerNorm, GroupNorm.

Each rescales its input to mean 0 and variance 1 over some axes, then lets
the network choose the scale and shift it wants back (learned γ and β, one
of each per channel):

    x̂ = (x − μ) / √(σ² + ε),      y = γ x̂ + β

They differ only in *which* numbers share a μ and σ².  Input (n, C) or
(n, C, H, W) — n examples, C channels (features):

    BatchNorm   per channel, over the batch (and H, W)      depends on the other examples
    LayerNorm   per example, over all its channels (and H, W)
    GroupNorm   per example, over each group of C/G channels (and H, W);
                G = 1 is LayerNorm, G = C is instance norm

BatchNorm has two modes.  Training: μ and σ² of the batch (the variance
divides by the count, not count − 1), and running averages of them,
    running ← momentum · running + (1 − momentum) · batch statistic,
kept in `buffers` (not trained, saved with the weights).  Inference
(training=False): the running averages — fixed numbers, so one example's
output no longer depends on the others in its batch.  (momentum here weighs
the *old* value, as in Keras; PyTorch's momentum=0.1 means our 0.9.)

Backward, with x̂ normalised over M numbers sharing μ, σ² and dx̂ = γ δ:
    ∂E/∂x = (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ⊙ x̂)) / √(σ² + ε)
(the two means are over the same M numbers: μ and σ² depend on every x).
∂E/∂γ = Σ δ ⊙ x̂, ∂E/∂β = Σ δ, summed over everything but the channel.
"""
from __future__ import annotations

import numpy as np

from engine.layer import Layer


def _channel_shape(x: np.ndarray) -> tuple[int, ...]:
    """(1, C, 1, 1, ...): how γ, β and per-channel statistics broadcast over x."""
    return (1, x.shape[1]) + (1,) * (x.ndim - 2)


def _not_channel(x: np.ndarray) -> tuple[int, ...]:
    return (0,) + tuple(range(2, x.ndim))


def normalize_backward(dxhat, xhat, inv_std, axes) -> np.ndarray:
    """∂E/∂x when x̂ = (x − μ)·inv_std with μ, σ² taken over `axes` (see the module docstring)."""
    return inv_std * (dxhat - dxhat.mean(axis=axes, keepdims=True)
                      - xhat * (dxhat * xhat).mean(axis=axes, keepdims=True))


class _Normalization(Layer):
    """γ and β per channel; subclasses say how x̂ is computed."""

    def __init__(self, channels: int, eps: float = 1e-5) -> None:
        super().__init__()
        if int(channels) < 1:
            raise ValueError(f"a normalisation layer needs at least one channel, got {channels}")
        if not eps > 0:
            raise ValueError(f"ε must be positive, got {eps}")
        self.channels, self.eps = int(channels), float(eps)
        self.params = {"gamma": np.ones(self.channels), "beta": np.zeros(self.channels)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def decayed(self) -> tuple[str, ...]:
        return ()                  # γ and β are a scale and a shift per channel, not a weight matrix

    def _check(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        if x.ndim < 2 or x.shape[1] != self.channels:
            raise ValueError(f"{type(self).__name__} expects input (n, {self.channels}, ...), got shape {x.shape}")
        return x

    def _scale_shift(self, xhat) -> np.ndarray:
        shape = _channel_shape(xhat)
        return self.params["gamma"].reshape(shape) * xhat + self.params["beta"].reshape(shape)

    def _param_grads(self, delta, xhat) -> np.ndarray:
        axes = _not_channel(delta)
        self.grads["gamma"] = (delta * xhat).sum(axis=axes)
        self.grads["beta"] = delta.sum(axis=axes)
        return delta * self.params["gamma"].reshape(_channel_shape(delta))      # dx̂

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.channels})"


class BatchNorm(_Normalization):
    """Per channel over the batch; running statistics for inference (see the module docstring)."""

    name = "batchnorm"

    def __init__(self, channels: int, momentum: float = 0.9, eps: float = 1e-5) -> None:
        super().__init__(channels, eps)
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum must be in [0, 1), got {momentum}")
        self.momentum = float(momentum)
        self.buffers = {"running_mean": np.zeros(self.channels), "running_var": np.ones(self.channels)}

    def forward(self, x, training=False):
        x = self._check(x)
        axes, shape = _not_channel(x), _channel_shape(x)
        if training:
            mu, var = x.mean(axis=axes, keepdims=True), x.var(axis=axes, keepdims=True)
            m = self.momentum
            self.buffers["running_mean"][...] = m * self.buffers["running_mean"] + (1 - m) * mu.ravel()
            self.buffers["running_var"][...] = m * self.buffers["running_var"] + (1 - m) * var.ravel()
        else:
            mu = self.buffers["running_mean"].reshape(shape)
            var = self.buffers["running_var"].reshape(shape)
        self.inv_std = 1.0 / np.sqrt(var + self.eps)
        self.xhat = (x - mu) * self.inv_std
        self.batch_statistics = bool(training)
        return self._scale_shift(self.xhat)

    def backward(self, delta):
        dxhat = self._param_grads(delta, self.xhat)
        if not self.batch_statistics:          # μ, σ² were fixed numbers
            return dxhat * self.inv_std
        return normalize_backward(dxhat, self.xhat, self.inv_std, _not_channel(delta))


class GroupNorm(_Normalization):
    """Per example, over each group of channels/groups channels (and any H, W)."""

    name = "groupnorm"

    def __init__(self, channels: int, groups: int, eps: float = 1e-5) -> None:
        super().__init__(channels, eps)
        if int(groups) < 1 or self.channels % int(groups):
            raise ValueError(f"{channels} channels cannot be split into {groups} equal groups")
        self.groups = int(groups)

    def _grouped(self, a) -> np.ndarray:
        """(n, C, ...) -> (n, G, C/G, ...): each group's numbers share one μ and σ²."""
        return a.reshape((a.shape[0], self.groups, self.channels // self.groups) + a.shape[2:])

    def forward(self, x, training=False):
        x = self._check(x)
        g = self._grouped(x)
        axes = tuple(range(2, g.ndim))
        self.inv_std = 1.0 / np.sqrt(g.var(axis=axes, keepdims=True) + self.eps)
        self.xhat = ((g - g.mean(axis=axes, keepdims=True)) * self.inv_std).reshape(x.shape)
        return self._scale_shift(self.xhat)

    def backward(self, delta):
        dxhat = self._param_grads(delta, self.xhat)
        g = self._grouped(dxhat)
        dx = normalize_backward(g, self._grouped(self.xhat), self.inv_std, tuple(range(2, g.ndim)))
        return dx.reshape(delta.shape)

    def __repr__(self) -> str:
        return f"GroupNorm({self.channels}, groups={self.groups})"


class LayerNorm(GroupNorm):
    """Per example, over all its features: GroupNorm with one group.  The same in
    training and inference (no running statistics), so RNNs and transformers use it."""

    name = "layernorm"

    def __init__(self, channels: int, eps: float = 1e-5) -> None:
        super().__init__(channels, 1, eps)

    def __repr__(self) -> str:
        return f"LayerNorm({self.channels})"
