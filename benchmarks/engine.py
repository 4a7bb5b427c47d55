"""Benchmark: what the engine's readable training step costs.

    python benchmarks/engine.py [--steps 2000]

One SGD step (forward, softmax cross-entropy, backward, update) of the
64-50-10 ReLU digits network, timed three ways on the same batches:
  hand     a hand-written, fused NumPy step (no layers, no classes)
  engine   engine.training.train_step with tracing off
  traced   the same step with tracing on (every event built and kept)
Ratios are engine / hand (target ≤ 1.3) and traced / engine.
Figures only: nothing is asserted.
"""
from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from engine.layers import Dense, ReLU  # noqa: E402
from engine.losses import SoftmaxCrossEntropy, one_hot  # noqa: E402
from engine.network import Sequential  # noqa: E402
from engine.optimizers import SGD  # noqa: E402
from engine.training import train_step  # noqa: E402

LR = 0.1


def make_net():
    return Sequential([Dense(64, 50, rng=0), ReLU(), Dense(50, 10, rng=1)])


def hand_step(p, X, T, lr=LR):
    """The same step written out by hand: p = [W1, b1, W2, b2], updated in place."""
    W1, b1, W2, b2 = p
    n = len(X)
    U1 = X @ W1.T + b1
    A1 = np.maximum(U1, 0.0)
    Z = A1 @ W2.T + b2
    Z -= Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    total = E.sum(axis=1, keepdims=True)
    loss = -np.sum(T * (Z - np.log(total))) / n
    D2 = (E / total - T) / n
    dW2, db2 = D2.T @ A1, D2.sum(axis=0)
    D1 = (D2 @ W2) * (U1 > 0)
    dW1, db1 = D1.T @ X, D1.sum(axis=0)
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    return loss


def per_step(fns, batches, repeats=7):
    """For each function, the best over `repeats` of the mean time of one step (µs).

    The functions take turns inside each repeat, so a busy machine slows
    them alike and the ratio stays fair."""
    best = [float("inf")] * len(fns)
    for _ in range(repeats):
        for j, fn in enumerate(fns):
            start = time.perf_counter()
            for X, T in batches:
                fn(X, T)
            best[j] = min(best[j], (time.perf_counter() - start) / len(batches))
    return [b * 1e6 for b in best]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2000)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    print("one SGD step of a 64-50-10 ReLU network with softmax cross-entropy (µs per step, best of 7)")
    print(f"{'batch':>6} {'hand':>9} {'engine':>9} {'traced':>10} {'engine/hand':>12} {'traced/engine':>14}")
    for batch, steps in ((32, args.steps), (256, max(args.steps // 4, 1)), (1437, max(args.steps // 20, 1))):
        batches = [(rng.normal(size=(batch, 64)), one_hot(rng.integers(0, 10, batch), 10)) for _ in range(8)]
        batches = (batches * (steps // 8 + 1))[:steps]
        net = make_net()
        hand_params = [np.array(a, copy=True) for _, _, a in net.parameters()]
        loss, opt = SoftmaxCrossEntropy(), SGD(LR)
        hand, engine = per_step([lambda X, T: hand_step(hand_params, X, T),
                                 lambda X, T: train_step(net, X, T, loss, opt)], batches)
        kept = []
        traced_batches = batches[: max(len(batches) // 10, 1)]
        (traced,) = per_step([lambda X, T: train_step(net, X, T, loss, opt, trace=kept.append)], traced_batches, 2)
        print(f"{batch:>6} {hand:>9.1f} {engine:>9.1f} {traced:>10.1f} {engine / hand:>12.2f} {traced / engine:>14.1f}")
        kept.clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
