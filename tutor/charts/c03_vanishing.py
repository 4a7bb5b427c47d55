"""03 · Vanishing gradients: ‖∂E/∂W‖ per layer of a 20-layer network, on a log scale.

The lab vanishing's set-up (width 32, seed 0, a batch of 32, E = ½·mean Σ (y − t)²)
with 20 layers: one forward and one backward pass through an engine
Sequential of Dense + activation layers, built in the lab's order of random
draws (the layers' weights, then the batch), so `dltutor lab vanishing depth=20`
shows the same numbers.  Sigmoid and tanh start from Xavier weights, ReLU
from He weights (the lesson's pairing).  The dotted line falls by σ′(0) = 0.25
per layer from the last layer: the sigmoid's slope bound alone.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from tutor.charts.style import REFERENCE, series
from tutor.locale import t

NUMBER, STEM, LAB = "03", "03_gradient_vanishing", "vanishing"
COMMAND = "dltutor lab vanishing depth=20"
SIZE = (8.0, 5.6)
DEPTH, WIDTH, BATCH, SEED = 20, 32, 32, 0
RUNS = (("sigmoid", "xavier"), ("tanh", "xavier"), ("relu", "he"))
SHOWN = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}


def title() -> str:
    return t("Vanishing gradients in a deep network")


def gradient_norms(activation: str, init: str) -> np.ndarray:
    """‖∂E/∂W_l‖ for l = 1 … DEPTH after one backward pass of the engine."""
    from engine.layers import ACTIVATION_LAYERS, Dense
    from engine.losses import MSE
    from engine.network import Sequential

    rng = np.random.default_rng(SEED)
    layers = []
    for _ in range(DEPTH):
        layers += [Dense(WIDTH, WIDTH, init=init, rng=rng), ACTIVATION_LAYERS[activation]()]
    net = Sequential(layers)
    X, T = rng.normal(size=(BATCH, WIDTH)), rng.normal(size=(BATCH, WIDTH))
    _, delta = MSE().value_and_grad(net.forward(X), T)
    net.backward(delta)
    return np.array([np.linalg.norm(layer.grads["W"]) for layer in net.layers[::2]])


@lru_cache(maxsize=1)
def compute() -> dict:
    from engine.activations import sigmoid_prime

    out = {name: gradient_norms(name, init) for name, init in RUNS}
    bound = float(sigmoid_prime(np.array([0.0]))[0])            # 0.25, the sigmoid's largest slope
    out["bound"] = bound
    out["reference"] = out["sigmoid"][-1] * bound ** np.arange(DEPTH - 1, -1, -1)
    return out


def sci(x: float) -> str:
    """2.7e-06 as 2.7 × 10⁻⁶ (numbers near 1 as they are: 0.66, 1.1)."""
    if 0.01 <= x < 100:
        return f"{x:.2g}"
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa} × 10" + str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def draw(fig, numbers: dict) -> None:
    ax = fig.subplots()
    layers = np.arange(1, DEPTH + 1)
    for k, (name, init) in enumerate(RUNS):
        norms = numbers[name]
        ax.plot(layers, norms, gid=f"norms_{name}",
                label=t("{activation} ({init} weights): layer 1 gets {ratio} of layer {depth}'s gradient",
                        activation=SHOWN[name], init=init.capitalize(), ratio=sci(norms[0] / norms[-1]),
                        depth=DEPTH), **series(k))
    ax.plot(layers, numbers["reference"], gid="reference",
            label=t("× {bound} per layer from the last: 0.25ⁿ, the sigmoid's slope bound",
                    bound=f"{numbers['bound']:g}"), **REFERENCE)
    ax.set_yscale("log")
    ax.set_xticks(layers)
    ax.set_xlabel(t("layer (1 = next to the input; the gradient flows from layer {depth} down)", depth=DEPTH))
    ax.set_ylabel(t("‖∂E/∂W‖ of the layer (log scale)"))
    ax.set_title(t("{depth} layers of {width} neurons, one backward pass", depth=DEPTH, width=WIDTH), fontsize=11)
    ax.legend(loc="lower right", fontsize=9)


def caption(numbers: dict) -> list[str]:
    lines = [t("Gradient norm ‖∂E/∂W‖ of each of {depth} layers after one backward pass (width {width}, "
               "a batch of {batch}, seed {seed}).", depth=DEPTH, width=WIDTH, batch=BATCH, seed=SEED)]
    for name, init in RUNS:
        norms = numbers[name]
        lines.append(t("{activation} with {init} weights: layer 1 {first}, layer {depth} {last}, "
                       "ratio {ratio}; all layers: {all}.", activation=SHOWN[name], init=init.capitalize(),
                       first=f"{norms[0]:.3e}", depth=DEPTH, last=f"{norms[-1]:.3e}",
                       ratio=f"{norms[0] / norms[-1]:.3e}", all=", ".join(f"{v:.3e}" for v in norms)))
    lines.append(t("0.25 to the power {n} is {value}: the sigmoid's slope alone shrinks the gradient that much "
                   "over {n} layers; tanh and ReLU with fitting weights keep it within one order of magnitude here.",
                   n=DEPTH - 1, value=f"{numbers['bound'] ** (DEPTH - 1):.3e}"))
    lines.append(t("The same runs in the terminal: {commands}.", commands="; ".join(
        f"{COMMAND} activation={name}" + (f" init={init}" if init != "xavier" else "") for name, init in RUNS)))
    return lines
