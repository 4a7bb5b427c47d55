"""06 · Full batch, mini-batch and stochastic gradient descent on the same data.

The lab sgd's problem (seed 0): ŷ = w·x + b fitted to 64 points of
y = 3x₁ − 2x₂ + 1 + noise (σ = 0.5) from zero weights, η = 0.1, by
engine.training.iter_fit with batches of 64 (full), 8 and 1 (stochastic)
and no early stop.  After every update the optimizer below asks the
engine for the loss on all 64 points, so the right panel shows each step.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from tutor.charts.style import series
from tutor.locale import t

NUMBER, STEM, LAB = "06", "06_sgd_convergence", "sgd"
COMMAND = "dltutor lab sgd tol_loss=0 epochs=30"
SIZE = (10.0, 5.2)
N, NOISE, SEED, LR, EPOCHS, BATCH = 64, 0.5, 0, 0.1, 30, 8
TRUE_W, TRUE_B = (3.0, -2.0), 1.0
TICKS = (0.1, 0.2, 0.5, 1, 2, 5)


def title() -> str:
    return t("Full batch, mini-batch and stochastic gradient descent")


def names() -> tuple[str, ...]:
    return (t("full batch (B = {b})", b=N), t("mini-batch (B = {b})", b=BATCH), t("stochastic (B = 1)"))


def data() -> tuple[np.ndarray, np.ndarray]:
    """The lab's data: the same seeded draws in the same order."""
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(N, 2))
    y = X @ np.array(TRUE_W) + TRUE_B + rng.normal(0.0, NOISE, N)
    return X, y


def run(batch: int, X, y) -> dict:
    from engine.layers import Dense
    from engine.network import Sequential
    from engine.optimizers import SGD
    from engine.training import evaluate, iter_fit

    net = Sequential([Dense(2, 1, W=[[0.0, 0.0]], b=[0.0])])

    class Watching(SGD):
        """SGD that notes the loss on all the data after each of its updates."""

        def step(self, model) -> None:
            super().step(model)
            after.append(evaluate(net, X, y, "mse")[0])

    start = evaluate(net, X, y, "mse")[0]
    after: list[float] = []
    epochs = [start]
    for history in iter_fit(net, X, y, "mse", Watching(LR), epochs=EPOCHS, batch_size=batch, seed=SEED,
                            eval_train=True):
        epochs.append(history.train_loss[-1])
    steps = np.array([start, *after])
    return {"batch": batch, "epochs": np.array(epochs), "steps": steps,
            "seen": batch * np.arange(len(steps))}      # examples seen before each loss


@lru_cache(maxsize=1)
def compute() -> dict:
    X, y = data()
    return {"runs": [run(batch, X, y) for batch in (N, BATCH, 1)]}


def draw(fig, numbers: dict) -> None:
    left, right = fig.subplots(1, 2, sharey=True)
    for k, (r, name) in enumerate(zip(numbers["runs"], names())):
        left.plot(np.arange(EPOCHS + 1), r["epochs"], gid=f"epochs_{k}", label=name, **series(k, markevery=3))
        seen = r["seen"][1:]                     # a log axis has no 0: from the first update on
        right.plot(seen, r["steps"][1:], gid=f"steps_{k}", label=name,
                   **{**series(k, markevery=0.08), "linewidth": 1.4 if k == 2 else 2.0})
    left.set_yscale("log")
    left.set_yticks(TICKS, [f"{v:g}" for v in TICKS])
    left.set_yticks([], minor=True)
    left.legend(loc="upper right", fontsize=9)
    right.legend(loc="lower left", fontsize=9)
    left.set_xlabel(t("epoch (one pass over all {n} examples)", n=N))
    left.set_ylabel(t("loss E on all the data (log scale)"))
    left.set_title(t("Per epoch: more updates per pass learn faster"), fontsize=11)
    left.set_xlim(0, EPOCHS)
    right.set_xscale("log")
    right.set_xlabel(t("examples seen (log scale)"))
    right.set_title(t("After every update: small batches are noisy"), fontsize=11)


def caption(numbers: dict) -> list[str]:
    lines = [t("A plane ŷ = w·x + b fitted to {n} points of y = 3x₁ − 2x₂ + 1 + noise, learning rate {lr}, "
               "{epochs} epochs, loss E = ½·mean (ŷ − y)² on all the data.", n=N, lr=f"{LR:g}", epochs=EPOCHS)]
    for r, name in zip(numbers["runs"], names()):
        per = len(r["steps"]) - 1
        lines.append(t("{name}: {updates} updates; loss after epoch 1 {first}, after epoch 5 {fifth}, "
                       "after epoch {epochs} {last}; over the last epoch's updates between {low} and {high}.",
                       name=name, updates=per, first=f"{r['epochs'][1]:.4f}", fifth=f"{r['epochs'][5]:.4f}",
                       epochs=EPOCHS, last=f"{r['epochs'][-1]:.4f}",
                       low=f"{r['steps'][-(per // EPOCHS):].min():.4f}", high=f"{r['steps'][-(per // EPOCHS):].max():.4f}"))
    lines.append(t("Per pass over the data, small batches make more updates and get further; per update, the full "
                   "batch takes the steadiest steps, and one example at a time keeps jittering around the minimum."))
    return lines
