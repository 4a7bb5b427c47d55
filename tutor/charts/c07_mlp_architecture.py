"""07 · The architecture of a multilayer perceptron: 784-256-128-10 and its 235,146 parameters.

The lab mlp's default network, built as an engine Sequential (Dense, ReLU,
Dense, ReLU, Dense; softmax on the output through the loss); the counts are
the engine's `param_counts()` and `param_count()`.  The picture draws a few
neurons of each layer, and ⋮ for the rest.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from tutor.charts.style import GREY
from tutor.locale import t

NUMBER, STEM, LAB = "07", "07_mlp_architecture", "mlp"
COMMAND = "dltutor lab mlp"
SIZE = (10.0, 6.0)
SIZES = (784, 256, 128, 10)
SHOWN = (8, 8, 6, 10)            # neurons drawn per layer (the rest are the ⋮)
SUB = "₀₁₂₃₄₅₆₇₈₉"
FILL = ("white", "#bdbdbd", "#bdbdbd", "#404040")


def title() -> str:
    return t("A multilayer perceptron: layers, shapes and parameters")


@lru_cache(maxsize=1)
def compute() -> dict:
    from engine.layers import Dense, ReLU
    from engine.network import Sequential

    layers = []
    for k, (n_in, n_out) in enumerate(zip(SIZES, SIZES[1:])):
        layers.append(Dense(n_in, n_out, init="he", rng=0))
        if k < len(SIZES) - 2:
            layers.append(ReLU())
    net = Sequential(layers)
    dense = [layer for layer in net.layers if isinstance(layer, Dense)]
    return {"sizes": SIZES, "total": net.param_count(),
            "layers": [{"W": layer.params["W"].shape, "b": layer.params["b"].shape[0],
                        "weights": layer.params["W"].size,
                        "params": layer.param_count()} for layer in dense]}


def positions(n_shown: int, n: int) -> tuple[np.ndarray, bool]:
    """Heights of the drawn neurons (centred), and whether a ⋮ stands for the rest."""
    cut = n_shown < n
    slots = n_shown + (2 if cut else 0)
    ys = np.linspace(-(slots - 1) / 2, (slots - 1) / 2, slots) * 0.62
    if cut:
        ys = np.delete(ys, [slots // 2 - 1, slots // 2])
    return ys, cut


def layer_names() -> tuple[str, ...]:
    return (t("input\n{n} values (a 28×28 image)", n=SIZES[0]), t("hidden layer 1\n{n} neurons, ReLU", n=SIZES[1]),
            t("hidden layer 2\n{n} neurons, ReLU", n=SIZES[2]), t("output\n{n} classes, softmax", n=SIZES[3]))


def grouped(n: int) -> str:
    return f"{n:,}"


def draw(fig, numbers: dict) -> None:
    ax = fig.subplots()
    ax.set_axis_off()
    columns = [positions(shown, n) for shown, n in zip(SHOWN, numbers["sizes"])]
    for x, ((ys, _), (next_ys, _)) in enumerate(zip(columns, columns[1:])):
        for y in ys:
            for y2 in next_ys:
                ax.plot([x, x + 1], [y, y2], color="#9e9e9e", linewidth=0.5, alpha=0.6, zorder=1)
    for x, ((ys, cut), fill, name) in enumerate(zip(columns, FILL, layer_names())):
        ax.scatter(np.full(len(ys), x), ys, s=230, facecolor=fill, edgecolor="black", linewidth=1.2, zorder=3,
                   marker="s" if x == 0 else "o", gid=f"neurons_{x}")
        if cut:
            ax.text(x, 0, "⋮", ha="center", va="center", fontsize=18, zorder=3)
        ax.text(x, 3.6, name, ha="center", va="bottom", fontsize=11, fontweight="bold", linespacing=1.4)
    for x, layer in enumerate(numbers["layers"]):
        out_n, in_n = layer["W"]
        ax.text(x + 0.5, -3.55, t("W{l}: {rows} × {cols}\nb{l}: {b}\n{count} parameters", l=SUB[x + 1], rows=out_n,
                                  cols=in_n, b=layer["b"], count=grouped(layer["params"])),
                ha="center", va="top", fontsize=10, linespacing=1.45, gid=f"count_{x}",
                bbox=dict(boxstyle="round,pad=0.4", fc="white", ec=GREY))
    total = " + ".join(grouped(layer["params"]) for layer in numbers["layers"])
    ax.text(1.5, -5.6, t("{total} parameters in all = {sum}", total=grouped(numbers["total"]), sum=total),
            ha="center", va="top", fontsize=13, fontweight="bold", gid="total")
    ax.text(1.5, 5.35, t("each layer: u = W y + b, then the activation; W has one row per neuron"),
            ha="center", va="bottom", fontsize=10, color=GREY)
    ax.set_xlim(-0.55, len(SIZES) - 0.45)
    ax.set_ylim(-6.4, 5.9)


def caption(numbers: dict) -> list[str]:
    lines = [t("A multilayer perceptron with layer sizes {sizes}: ReLU in the hidden layers, softmax on the output.",
               sizes=" → ".join(map(str, numbers["sizes"])))]
    for x, layer in enumerate(numbers["layers"]):
        out_n, in_n = layer["W"]
        lines.append(t("Layer {l}: W is {rows} × {cols} ({weights} weights), b has {b}: {count} parameters.",
                       l=x + 1, rows=out_n, cols=in_n, weights=grouped(layer["weights"]), b=layer["b"],
                       count=grouped(layer["params"])))
    lines.append(t("In all {total} parameters, counted by the engine.", total=grouped(numbers["total"])))
    return lines
