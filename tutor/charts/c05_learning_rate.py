"""05 · The learning rate: the same fit with a rate too small, a good one, one too large, one divergent.

The lab learning-rate's problem (seed 0): a line ŷ = w x + b fitted to 20
noisy points of y = 2x + 1 (engine.data.noisy_quadratic with no x² term
gives the same points), from w = b = 0, by full-batch gradient descent on
E = ½·mean (ŷ − y)² through engine.training.  The four rates are the lab's
automatic ones for this data (0.1, 0.9, 1.9 and 2.2 over the steepest
curvature λ_max); a run stops as diverged when its loss passes a million
times its start, the engine's rule.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from tutor.charts.style import REFERENCE, series
from tutor.locale import t

NUMBER, STEM, LAB = "05", "05_learning_rate_effect", "learning-rate"
COMMAND = "dltutor lab learning-rate"
SIZE = (10.0, 5.2)
STEPS = 50
RATES = (0.026, 0.23, 0.49, 0.57)


def kinds() -> tuple[str, ...]:
    return (t("too small: creeps"), t("good: settles fast"), t("too large: zigzags"), t("far too large: diverges"))


def title() -> str:
    return t("The learning rate: too small, good, too large")


def data() -> tuple[np.ndarray, np.ndarray]:
    from engine.data import noisy_quadratic

    return noisy_quadratic(n=20, a=0.0, b=-2.0, c=1.0, noise=0.3, seed=0, low=0.0, high=3.0, grid=True)


def run(lr: float, X, y) -> dict:
    """Loss and slope w after every step (step 0 = the start), and where the run diverged."""
    from engine.layers import Dense
    from engine.network import Sequential
    from engine.optimizers import SGD
    from engine.training import evaluate, iter_fit

    net = Sequential([Dense(1, 1, W=[[0.0]], b=[0.0])])
    losses, slopes, diverged = [evaluate(net, X, y, "mse")[0]], [0.0], None
    for history in iter_fit(net, X, y, "mse", SGD(lr), epochs=STEPS, eval_train=True):
        if history.diverged:
            diverged = history.diverged_at["step"]
            break
        losses.append(history.train_loss[-1])
        slopes.append(float(net.layers[0].params["W"][0, 0]))
    return {"lr": lr, "loss": np.array(losses), "w": np.array(slopes), "diverged": diverged}


@lru_cache(maxsize=1)
def compute() -> dict:
    from engine.descent import least_squares_line
    from engine.layers import Dense
    from engine.network import Sequential
    from engine.training import evaluate

    X, y = data()
    w_best, b_best = least_squares_line(X, y)
    best = Sequential([Dense(1, 1, W=[[w_best]], b=[b_best])])
    return {"runs": [run(lr, X, y) for lr in RATES], "w_best": w_best,
            "E_best": evaluate(best, X, y, "mse")[0]}


def reached(r: dict, E_best: float) -> int | None:
    """The first step whose loss is within 1 % of the least-squares minimum (None: never)."""
    close = np.flatnonzero(r["loss"] <= 1.01 * E_best)
    return int(close[0]) if close.size else None


def label(k: int, r: dict) -> str:
    kind = kinds()[k]
    if r["diverged"] is not None:
        return t("η = {lr} ({kind} at step {step})", lr=f"{r['lr']:g}", kind=kind, step=r["diverged"])
    return t("η = {lr} ({kind})", lr=f"{r['lr']:g}", kind=kind)


W_RANGE = (-0.5, 4.5)    # the slope panel's y range; a diverging run is drawn until it leaves it


def shown_slopes(r: dict) -> np.ndarray:
    """The slopes drawn: all of them, or a diverging run's up to its first step off the panel."""
    off = np.flatnonzero((r["w"] < W_RANGE[0]) | (r["w"] > W_RANGE[1]))
    return r["w"][: off[0] + 1] if off.size else r["w"]


def draw(fig, numbers: dict) -> None:
    left, right = fig.subplots(1, 2)
    handles = []
    for k, r in enumerate(numbers["runs"]):
        steps = np.arange(len(r["loss"]))
        handles += left.plot(steps, r["loss"], gid=f"loss_{k}", label=label(k, r), **series(k, markevery=5))
        w = shown_slopes(r)
        right.plot(steps[: len(w)], w, gid=f"w_{k}", **series(k, markevery=5))
        if r["diverged"] is not None:
            left.annotate(t("diverged at step {step}", step=r["diverged"]), (steps[-1], r["loss"][-1]),
                          xytext=(6, 0), textcoords="offset points", ha="left", va="center", fontsize=9)
            if len(w) < len(r["w"]):
                right.annotate(t("off the chart from step {step}", step=len(w) - 1), (len(w) - 1, W_RANGE[1]),
                               xytext=(8, -6), textcoords="offset points", ha="left", va="top", fontsize=9)
    left.axhline(numbers["E_best"], gid="E_best", **REFERENCE)
    right.axhline(numbers["w_best"], gid="w_best", **REFERENCE)
    handles.append(left.plot([], [], label=t("least squares: E = {E}, w = {w}", E=f"{numbers['E_best']:.4f}",
                                             w=f"{numbers['w_best']:.3f}"), **REFERENCE)[0])
    left.set_yscale("log")
    left.set_ylabel(t("loss E (log scale)"))
    left.set_title(t("Loss after each step"), fontsize=11)
    right.set_ylim(*W_RANGE)
    right.set_ylabel(t("slope w of the fitted line"))
    right.set_title(t("The slope w: creeping, settling, zigzagging"), fontsize=11)
    for ax in (left, right):
        ax.set_xlabel(t("gradient-descent step"))
        ax.set_xlim(0, STEPS)
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=9, frameon=False)


def caption(numbers: dict) -> list[str]:
    lines = [t("A line fitted to 20 noisy points of y = 2x + 1 by full-batch gradient descent from w = b = 0, "
               "{steps} steps, with four learning rates η; the least-squares minimum is E = {E}.",
               steps=STEPS, E=f"{numbers['E_best']:.6f}")]
    for k, r in enumerate(numbers["runs"]):
        if r["diverged"] is not None:
            lines.append(t("{label}: the loss grew from {start} to {end} by step {last}, then the run was stopped.",
                           label=label(k, r), start=f"{r['loss'][0]:.4f}", end=f"{r['loss'][-1]:.4g}",
                           last=len(r["loss"]) - 1))
            continue
        step = reached(r, numbers["E_best"])
        when = (t("within 1% of the minimum from step {step}", step=step) if step is not None
                else t("not within 1% of the minimum after {steps} steps", steps=STEPS))
        lines.append(t("{label}: final loss {end}, {when}.", label=label(k, r), end=f"{r['loss'][-1]:.6f}",
                       when=when))
    lines.append(t("Which rate is too large depends on the data: the lab learning-rate shows the limit, "
                   "2 over the steepest curvature of the loss."))
    return lines
