"""Benchmark: the hello-world of deep learning, the 8×8 handwritten digits.

    python benchmarks/digits.py [--epochs 20] [--repeats 3]

The shipped digits (engine.data), pixels scaled to [0, 1], split 80/20
exactly as sklearn.model_selection.train_test_split(test_size=0.2,
random_state=42) splits them.  A 64-50-10 ReLU network with softmax
cross-entropy, trained by the engine (mini-batches of 32, momentum SGD).

In the same run, when installed (the `bench` extra):
  scikit-learn  MLPClassifier(hidden_layer_sizes=(50,), max_iter=500, random_state=42)
  PyTorch       the same network, batches, optimizer and epochs, one thread
Times are fit times only (best of --repeats), single-threaded BLAS for all.
This script prints figures; it asserts nothing.  Last line:
    accuracy=<engine test accuracy> engine_s=… sklearn_s=… torch_s=… ratio=<engine_s / sklearn_s>
"""
from __future__ import annotations

import os

# one BLAS thread for everyone, so the comparison is about the code, not the cores
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from engine.data import digits, sklearn_split  # noqa: E402
from engine.layers import Dense, ReLU  # noqa: E402
from engine.network import Sequential  # noqa: E402
from engine.optimizers import Momentum  # noqa: E402
from engine.training import evaluate, fit  # noqa: E402

LR, GAMMA, BATCH = 0.1, 0.9, 32


def load():
    d = digits()
    return sklearn_split(d.X / 16.0, d.y, test_size=0.2, random_state=42)


def best_time(train, repeats):
    """(fastest fit time, the result of that fit)."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        out = train()
        elapsed = time.perf_counter() - start
        if elapsed < best:
            best, result = elapsed, out
    return best, result


def run_engine(Xtr, ytr, Xte, yte, epochs, seed, repeats):
    def train():
        net = Sequential([Dense(64, 50, rng=seed), ReLU(), Dense(50, 10, rng=seed + 1)])
        fit(net, Xtr, ytr, "softmax_ce", Momentum(LR, GAMMA), epochs=epochs, batch_size=BATCH, seed=seed)
        return net

    seconds, net = best_time(train, repeats)
    return seconds, evaluate(net, Xte, yte, "softmax_ce")[1]


def run_sklearn(Xtr, ytr, Xte, yte, repeats):
    try:
        from sklearn.neural_network import MLPClassifier
    except ImportError:
        return None

    def train():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")          # a ConvergenceWarning is not news here
            return MLPClassifier(hidden_layer_sizes=(50,), max_iter=500, random_state=42).fit(Xtr, ytr)

    seconds, clf = best_time(train, repeats)
    return seconds, clf.score(Xte, yte), clf.n_iter_


def run_torch(Xtr, ytr, Xte, yte, epochs, seed, repeats):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    Xt, yt = torch.tensor(Xtr, dtype=torch.float32), torch.tensor(ytr, dtype=torch.long)

    def train():
        torch.manual_seed(seed)
        net = torch.nn.Sequential(torch.nn.Linear(64, 50), torch.nn.ReLU(), torch.nn.Linear(50, 10))
        # torch's momentum keeps v = γv + g and steps η·v: the same as ours (v = γv + ηg) for a fixed η
        opt = torch.optim.SGD(net.parameters(), lr=LR, momentum=GAMMA)
        loss_fn = torch.nn.CrossEntropyLoss()
        gen = torch.Generator().manual_seed(seed)
        for _ in range(epochs):
            order = torch.randperm(len(Xt), generator=gen)
            for lo in range(0, len(Xt), BATCH):
                idx = order[lo:lo + BATCH]
                opt.zero_grad()
                loss_fn(net(Xt[idx]), yt[idx]).backward()
                opt.step()
        return net

    seconds, net = best_time(train, repeats)
    with torch.no_grad():
        pred = net(torch.tensor(Xte, dtype=torch.float32)).argmax(1).numpy()
    return seconds, float(np.mean(pred == yte))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    Xtr, Xte, ytr, yte = load()
    print(f"digits: {len(Xtr)} train / {len(Xte)} test, 64-50-10 ReLU, momentum SGD η={LR} γ={GAMMA}, "
          f"batch {BATCH}, {args.epochs} epochs, best of {args.repeats}")
    engine_s, accuracy = run_engine(Xtr, ytr, Xte, yte, args.epochs, args.seed, args.repeats)
    print(f"engine   fit {engine_s:.3f} s  test accuracy {accuracy:.3f}")

    sk = run_sklearn(Xtr, ytr, Xte, yte, args.repeats)
    if sk is None:
        print("scikit-learn is not installed (pip install 'dltutor[bench]'): reporting the engine alone")
    else:
        print(f"sklearn  fit {sk[0]:.3f} s  test accuracy {sk[1]:.3f}  ({sk[2]} epochs, adam, batch 200)")
    th = run_torch(Xtr, ytr, Xte, yte, args.epochs, args.seed, args.repeats)
    if th is None:
        print("PyTorch is not installed: no torch comparison")
    else:
        print(f"torch    fit {th[0]:.3f} s  test accuracy {th[1]:.3f}  (1 thread)")

    sklearn_s = f"{sk[0]:.2f}" if sk else "n/a"
    torch_s = f"{th[0]:.2f}" if th else "n/a"
    ratio = f"{engine_s / sk[0]:.2f}" if sk else "n/a"
    print(f"accuracy={accuracy:.3f} engine_s={engine_s:.2f} sklearn_s={sklearn_s} torch_s={torch_s} ratio={ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
