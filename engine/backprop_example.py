"""The classic worked example of backpropagation: a 2-2-2 sigmoid network.

    inputs  i1 = 0.05, i2 = 0.10          targets  t1 = 0.01, t2 = 0.99
    hidden  net_h1 = w1 i1 + w2 i2 + b1   out_h1 = σ(net_h1)   (h2 with w3, w4)
    output  net_o1 = w5 out_h1 + w6 out_h2 + b2   out_o1 = σ(net_o1)   (o2 with w7, w8)
    error   E = ½ Σ (target − out)²,  learning rate η = 0.5

In the engine's convention (W has shape (out, in)) the weights are
    W1 = [[w1, w2], [w3, w4]],   W2 = [[w5, w6], [w7, w8]],
and the biases are the vectors (b1, b1) and (b2, b2).

The classic example keeps the biases fixed: it updates w1..w8 only.  We
follow it (the bias parameters are `frozen`), so its published numbers
(E = 0.298371109, ∂E/∂w5 = 0.082167041, w5 → 0.35891648, w1 → 0.149780716)
come out of the ordinary engine code unchanged.

The events are the engine's own training-step events (engine.stepping),
with the example's names for every number added to `values`.
"""
from __future__ import annotations

import dataclasses
from typing import Iterator

import numpy as np

from engine.events import N_, Event, fmt
from engine.layers import Dense, Sigmoid
from engine.losses import MSE
from engine.network import Sequential
from engine.optimizers import SGD
from engine.stepping import train_step_events

INPUTS = (0.05, 0.10)
TARGETS = (0.01, 0.99)
W1 = ((0.15, 0.20), (0.25, 0.30))     # w1 w2 / w3 w4
B1 = 0.35
W2 = ((0.40, 0.45), (0.50, 0.55))     # w5 w6 / w7 w8
B2 = 0.60
LR = 0.5
BIASES_NOTE = N_("As in the classic example, the biases b1 = 0.35 and b2 = 0.60 stay fixed; only w1..w8 learn.")


def build_network() -> Sequential:
    """The 2-2-2 network with the example's starting weights (biases frozen)."""
    return Sequential([
        Dense(2, 2, W=W1, b=(B1, B1), frozen={"b"}), Sigmoid(),
        Dense(2, 2, W=W2, b=(B2, B2), frozen={"b"}), Sigmoid(),
    ])


def data() -> tuple[np.ndarray, np.ndarray]:
    """The one training example as a batch of one row."""
    return np.array([INPUTS]), np.array([TARGETS])


def weights(net: Sequential) -> dict[str, float]:
    """w1..w8 by their names in the example."""
    a, b = net.layers[0].params["W"].ravel(), net.layers[2].params["W"].ravel()
    return {f"w{k + 1}": float(v) for k, v in enumerate(np.concatenate([a, b]))}


def _pair(prefix: str, a) -> dict[str, float]:
    a = np.ravel(a)
    return {f"{prefix}1": float(a[0]), f"{prefix}2": float(a[1])}


def named_values(event: Event) -> dict[str, float]:
    """The example's names for the numbers of one engine event."""
    layer = event.values.get("layer")
    A = event.arrays
    if event.kind == "forward":
        return _pair({0: "net_h", 1: "out_h", 2: "net_o", 3: "out_o"}[layer], A["y"])
    if event.kind == "loss":
        err = 0.5 * (np.ravel(A["t"]) - np.ravel(A["y"])) ** 2
        return {"E_o1": float(err[0]), "E_o2": float(err[1]), "E_total": float(event.values["E"])}
    if event.kind == "backward":
        if layer in (1, 3):
            h = "h" if layer == 1 else "o"
            out = {f"∂E/∂out_{h}{k}": float(v) for k, v in enumerate(np.ravel(A["delta_out"]), 1)}
            out.update({f"∂out_{h}{k}/∂net_{h}{k}": float(v) for k, v in enumerate(np.ravel(A["f_prime"]), 1)})
            out.update({f"∂E/∂net_{h}{k}": float(v) for k, v in enumerate(np.ravel(A["delta_in"]), 1)})
            return out
        first = 1 if layer == 0 else 5
        out = {f"∂E/∂w{first + k}": float(v) for k, v in enumerate(np.ravel(A["dW"]))}
        if layer == 2:
            out.update({f"∂E/∂out_h{k}": float(v) for k, v in enumerate(np.ravel(A["delta_in"]), 1)})
        return out
    if event.kind == "update":
        first = 1 if layer == 0 else 5
        return {f"w{first + k}": float(v) for k, v in enumerate(np.ravel(A["after"]))}
    return {}


def events(lr: float = LR, iterations: int = 1) -> Iterator[Event]:
    """`iterations` training steps on the example, every event named as in the example.

    After each iteration an `info` event lists w1..w8; the run ends with `done`
    (or `diverged` if a huge learning rate blows the error up).
    """
    net = build_network()
    X, T = data()
    optimizer = SGD(lr)
    step = 0
    for it in range(1, int(iterations) + 1):
        for event in train_step_events(net, X, T, MSE(), optimizer, step0=step, digits=6):
            values = {**event.values, "iteration": it, **named_values(event)}
            yield dataclasses.replace(event, values=values)
            step = event.step + 1
            if event.kind == "diverged":
                return
        w = weights(net)
        yield Event.said("info", N_("Weights after iteration {it}"), {"it": it},
                         ",\\ ".join(f"w_{k[1:]} = {fmt(v, 6)}" for k, v in w.items()),
                         {}, {"iteration": it, **w}, step)
        step += 1
    X, T = data()
    E = MSE().value(net.predict(X), T)
    done = N_("Done: 1 iteration") if int(iterations) == 1 else N_("Done: {n} iterations")
    yield Event.said("done", done, {"n": int(iterations)}, rf"E_{{\text{{total}}}} = {fmt(E, 9)}",
                     {}, {"E_total": E, "iterations": int(iterations), **weights(net)}, step)
