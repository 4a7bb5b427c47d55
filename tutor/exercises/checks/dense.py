"""07 · a Dense layer (lessons [[mlp-forward]] and [[backpropagation]]), against engine.layers.Dense — the fixed interface
`forward(x, W, b) -> u` (u = x Wᵀ + b) and `backward(delta, x, W) -> (dx, dW, db)`."""
from __future__ import annotations

import numpy as np

from engine.layers import Dense
from tutor.exercises.spec import call_case, numgrad_case
from tutor.locale import t

SIZES = ((4, 3, 2), (1, 2, 5), (6, 5, 3))      # (n, in, out): no two equal, so a transpose shows


def cases():
    rng = np.random.default_rng(7)
    forwards, backwards, helpers = [], [], []
    for n, n_in, n_out in SIZES:
        x, W, b = rng.normal(size=(n, n_in)), rng.normal(size=(n_out, n_in)), rng.normal(size=n_out)
        delta = rng.normal(size=(n, n_out))
        layer = Dense(n_in, n_out, W=W, b=b)
        u = layer.forward(x)
        forwards.append(call_case("forward", "x, W, b", [("x", x), ("W", W), ("b", b)], u, mistakes={0: [
            (x @ W.T, t("b is missing: u = x Wᵀ + b"))]}))
        dx = layer.backward(delta)
        case = call_case("backward", "delta, x, W", [("delta", delta), ("x", x), ("W", W)],
                         (dx, layer.grads["W"], layer.grads["b"]), names=("dx", "dW", "db"), order=(1, 2, 0),
                         batch=n)
        backwards.append(case)
        helpers.append([numgrad_case("forward", [x, W, b], k, delta) for k in range(3)])
    out = forwards + backwards
    for case, fds in zip(backwards, helpers):
        case.fd = {k: len(out) + k for k in range(3)}
        case.fd_names = ("forward", "backward")
        out += fds
    return out
