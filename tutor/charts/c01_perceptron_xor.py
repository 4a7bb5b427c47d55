"""01 · Perceptron vs XOR: one neuron learns AND but not XOR; a 2-2-1 network learns XOR.

The lab perceptron-xor's three models with its default settings (sigmoid +
binary cross-entropy, full-batch gradient descent, η = 1, 2000 epochs, seed 1),
trained by engine.training; the regions are the engine's output σ(net(x))
on a 241 × 241 grid (every 20th point is one of the lab's 13 × 13 pixels).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from tutor.charts.style import REFERENCE, series
from tutor.locale import t

NUMBER, STEM, LAB = "01", "01_perceptron_vs_xor", "perceptron-xor"
COMMAND = "dltutor lab perceptron-xor"
SIZE = (9.0, 7.4)
EPOCHS, LR, SEED = 2000, 1.0, 1
LOW, HIGH, GRID = -0.25, 1.25, 241
UNDECIDED = 0.01     # |y − 0.5| below this decides nothing (the lab's rule): drawn white, counted wrong
KEYS = ("and1", "xor1", "xor2")
CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def title() -> str:
    return t("One neuron cannot learn XOR; two layers can")


def names() -> dict[str, str]:
    return {"and1": t("AND, one neuron"), "xor1": t("XOR, one neuron"), "xor2": t("XOR, 2-2-1 network")}


def models() -> dict:
    from engine.layers import Dense, Tanh
    from engine.network import Sequential

    return {
        "and1": Sequential([Dense(2, 1, init="xavier", rng=SEED)]),
        "xor1": Sequential([Dense(2, 1, init="xavier", rng=SEED)]),
        "xor2": Sequential([Dense(2, 2, init="xavier", rng=SEED), Tanh(), Dense(2, 1, init="xavier", rng=SEED + 1)]),
    }


def grid() -> tuple[np.ndarray, np.ndarray]:
    axis = np.linspace(LOW, HIGH, GRID)
    xx, yy = np.meshgrid(axis, axis)
    return axis, np.c_[xx.ravel(), yy.ravel()]


@lru_cache(maxsize=1)
def compute() -> dict:
    from engine.activations import sigmoid
    from engine.data import and_gate, xor_gate
    from engine.optimizers import SGD
    from engine.training import fit

    axis, points = grid()
    nets, out = models(), {"axis": axis}
    for key, net in nets.items():
        X, targets = and_gate() if key == "and1" else xor_gate()
        history = fit(net, X, targets, loss="sigmoid_bce", optimizer=SGD(LR), epochs=EPOCHS, shuffle=False)
        y = sigmoid(net.predict(CORNERS)).ravel()
        decided_right = (np.abs(y - 0.5) > UNDECIDED) & ((y > 0.5) == (np.asarray(targets) == 1))
        out[key] = {"loss": np.array(history.train_loss), "targets": np.asarray(targets),
                    "corners": y, "right": int(decided_right.sum()),
                    "regions": sigmoid(net.predict(points)).reshape(GRID, GRID)}
    out["ln2"] = float(out["xor1"]["loss"][-1])
    return out


# class 0 light grey, undecided white, class 1 mid blue with hatching: three different greys too
CMAP = ListedColormap(["#d9d9d9", "#ffffff", "#7fb2d9"])
NORM = BoundaryNorm([0.0, 0.5 - UNDECIDED, 0.5 + UNDECIDED, 1.0], 3)


def draw_regions(ax, key: str, numbers: dict) -> None:
    m, axis = numbers[key], numbers["axis"]
    mesh = ax.pcolormesh(axis, axis, m["regions"], cmap=CMAP, norm=NORM, shading="nearest", rasterized=True)
    mesh.set_gid(f"regions_{key}")
    ones = np.ma.masked_less_equal(m["regions"], 0.5 + UNDECIDED)
    ax.contourf(axis, axis, ones.filled(0), levels=[0.5 + UNDECIDED, 1.0], colors="none", hatches=["//"])
    if np.ptp(m["regions"]) > 2 * UNDECIDED:
        ax.contour(axis, axis, m["regions"], levels=[0.5], colors="black", linewidths=1.5)
    else:
        ax.text(0.5, 0.5, t("y = {y} everywhere:\nundecided", y=f"{np.mean(m['regions']):.3f}"),
                ha="center", va="center", fontsize=10)
    for (x1, x2), target, y in zip(CORNERS, m["targets"], m["corners"]):
        ax.plot([x1], [x2], marker="s" if target == 1 else "o", markersize=11, linestyle="none",
                markerfacecolor="black" if target == 1 else "white", markeredgecolor="black", markeredgewidth=1.5)
        ax.annotate(f"{y:.3f}", (x1, x2), xytext=(0, -17 if x2 < 0.5 else 11), textcoords="offset points",
                    ha="center", fontsize=9, bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    ax.set_title(names()[key] + "\n" + t("right at {right} of 4 corners · loss {loss}",
                                          right=m["right"], loss=f"{m['loss'][-1]:.4f}"), fontsize=11)
    ax.set_xlim(LOW, HIGH)
    ax.set_ylim(LOW, HIGH)
    ax.set_aspect("equal")
    ax.set_xticks([0, 0.5, 1])
    ax.set_yticks([0, 0.5, 1])
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.grid(False)


def draw(fig, numbers: dict) -> None:
    axes = fig.subplots(2, 2)
    for ax, key in zip(axes.flat, KEYS):
        draw_regions(ax, key, numbers)
    ax = axes[1, 1]
    epochs = np.arange(1, EPOCHS + 1)
    for k, key in enumerate(KEYS):
        ax.plot(epochs, numbers[key]["loss"], label=names()[key], gid=f"loss_{key}", **series(k, markevery=0.1))
    ax.axhline(numbers["ln2"], label=t("ln 2 = {value}: y = 0.5 everywhere", value=f"{numbers['ln2']:.4f}"),
               gid="ln2", **REFERENCE)
    ax.set_xscale("log")
    ax.set_xlabel(t("epoch (log scale)"))
    ax.set_ylabel(t("cross-entropy loss"))
    ax.set_title(t("Training: the loss of each model"), fontsize=11)
    ax.set_ylim(0, 1.2)
    ax.legend(loc="upper center", ncols=2, fontsize=8.5)
    fig.legend(handles=[Patch(facecolor="#7fb2d9", hatch="//", edgecolor="black", label=t("output y > 0.51: class 1")),
                        Patch(facecolor="#d9d9d9", edgecolor="black", label=t("output y < 0.49: class 0")),
                        Patch(facecolor="white", edgecolor="black", label=t("undecided (0.49 to 0.51)")),
                        Line2D([], [], color="black", linewidth=1.5, label=t("decision boundary y = 0.5")),
                        Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="black", linestyle="none",
                               markersize=9, label=t("corner with target 0")),
                        Line2D([], [], marker="s", markerfacecolor="black", markeredgecolor="black", linestyle="none",
                               markersize=9, label=t("corner with target 1"))],
               loc="outside lower center", ncols=3, fontsize=9, frameon=False)


def caption(numbers: dict) -> list[str]:
    lines = [t("Single neurons and a 2-2-1 network trained for {epochs} epochs (sigmoid output, cross-entropy, "
               "full-batch gradient descent, learning rate {lr}, seed {seed}).", epochs=EPOCHS, lr=f"{LR:g}", seed=SEED)]
    for key in KEYS:
        m = numbers[key]
        outputs = ", ".join(f"({int(a)},{int(b)}) → {y:.3f}" for (a, b), y in zip(CORNERS, m["corners"]))
        lines.append(t("{model}: final loss {loss}, right at {right} of 4 corners; outputs {outputs}.",
                       model=names()[key], loss=f"{m['loss'][-1]:.4f}", right=m["right"], outputs=outputs))
    lines.append(t("No straight line separates XOR's classes, so one neuron's best is y = 0.5 everywhere, "
                   "with loss ln 2 = {ln2}; the hidden layer bends the boundary.", ln2=f"{numbers['ln2']:.4f}"))
    return lines
