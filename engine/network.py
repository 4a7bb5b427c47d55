"""Sequential: layers applied one after another.

forward runs the layers left to right; backward runs them right to left,
each turning ∂E/∂(its output) into ∂E/∂(its input) and keeping its own
parameter gradients.  Weights are saved as .npz files with keys
"<layer index>.<parameter>" (e.g. "0.W", "0.b", "2.W"), together with any
buffers (BatchNorm's "1.running_mean", "1.running_var").
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.layer import Layer


class Sequential:
    def __init__(self, layers) -> None:
        self.layers: list[Layer] = list(layers)
        for i, layer in enumerate(self.layers):
            if not isinstance(layer, Layer):
                raise TypeError(f"layer {i} is a {type(layer).__name__}, not an engine Layer")

    # --- the two passes ---------------------------------------------------
    def forward(self, x, training: bool = False):
        for layer in self.layers:
            x = layer.forward(x, training)
        return x

    def backward(self, delta):
        for layer in reversed(self.layers):
            delta = layer.backward(delta)
        return delta

    def predict(self, x):
        """The network's output with training switched off (no dropout)."""
        return self.forward(np.asarray(x, dtype=float), training=False)

    __call__ = predict

    # --- parameters -------------------------------------------------------
    def parameters(self):
        """(layer index, name, array) for every parameter, in order."""
        return [(i, k, p) for i, layer in enumerate(self.layers) for k, p in layer.params.items()]

    def param_counts(self) -> list[int]:
        """The number of parameters in each layer."""
        return [layer.param_count() for layer in self.layers]

    def param_count(self) -> int:
        return int(sum(self.param_counts()))

    def labels(self) -> list[str]:
        """Readable layer names, numbered per kind: "Dense 1", "ReLU 1", "Dense 2" ..."""
        seen: dict[str, int] = {}
        out = []
        for layer in self.layers:
            kind = type(layer).__name__
            seen[kind] = seen.get(kind, 0) + 1
            out.append(f"{kind} {seen[kind]}")
        return out

    def summary(self) -> str:
        rows = [f"{label:<14} {layer.param_count():>8}" for label, layer in zip(self.labels(), self.layers)]
        rows.append(f"{'total':<14} {self.param_count():>8}")
        return "\n".join(rows)

    def __repr__(self) -> str:
        return "Sequential(" + ", ".join(repr(layer) for layer in self.layers) + ")"

    # --- save and load ------------------------------------------------------
    def arrays(self):
        """("<layer>.<name>", array) for every parameter and buffer (BatchNorm's running
        statistics): everything save/load and the training loop's restore points keep."""
        for i, layer in enumerate(self.layers):
            for k, p in layer.params.items():
                yield f"{i}.{k}", p
            for k, b in getattr(layer, "buffers", {}).items():
                yield f"{i}.{k}", b

    def state(self) -> dict[str, np.ndarray]:
        return {key: a.copy() for key, a in self.arrays()}

    def set_state(self, state) -> None:
        """Copy arrays into the parameters, checking names and shapes first."""
        wanted = dict(self.arrays())
        missing = sorted(set(wanted) - set(state))
        extra = sorted(set(state) - set(wanted))
        if missing or extra:
            raise ValueError(f"weights do not fit this network (missing {missing or 'none'}, unexpected {extra or 'none'})")
        for key, p in wanted.items():
            value = np.asarray(state[key])
            if value.shape != p.shape:
                raise ValueError(f"weights do not fit this network: {key} has shape {value.shape}, expected {p.shape}")
        for key, p in wanted.items():
            p[...] = state[key]        # in place: optimizers keep their references

    def save(self, path) -> Path:
        path = Path(path)
        try:
            with open(path, "wb") as f:   # a file object, so numpy does not append ".npz"
                np.savez(f, **self.state())
        except OSError as exc:
            raise ValueError(f"cannot write weights to {path}: {exc.strerror or exc}") from None
        return path

    def load(self, path) -> None:
        try:
            with np.load(Path(path)) as data:
                state = {k: data[k] for k in data.files}
        except (OSError, ValueError) as exc:
            raise ValueError(f"cannot read weights from {path}: {exc}") from None
        self.set_state(state)
