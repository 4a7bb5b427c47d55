"""Lab `vanishing`: how the gradient shrinks (or not) on its way down a deep MLP.

A stack of `depth` Dense layers of the same width, each followed by the
chosen activation; one forward pass on a seeded batch, the loss
E = ½·mean Σ (y − t)², and one backward pass.  The bars are ‖∂E/∂W_l‖ per
layer on a log scale.  Backward through one layer is
    δ_l = (W_{l+1}ᵀ δ_{l+1}) ⊙ f'(u_l)
so every layer multiplies by f' — at most 0.25 for the sigmoid, hence 0.25ⁿ.
The toggles: Xavier or He initialisation, and residual connections
h_l = h_{l-1} + f(W_l h_{l-1} + b_l), whose "+ h_{l-1}" lets δ pass unchanged.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.text import pad
from tutor.locale import N_, t, translated

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
# What bounds each activation's slope: the factor every layer multiplies the gradient by.
SLOPES = {
    "sigmoid": (N_("the sigmoid's slope is at most 0.25"),
                r"\sigma'(u) = \sigma(u)(1-\sigma(u)) \le \sigma'(0) = 0.25"),
    "tanh": (N_("tanh's slope is at most 1, and only at u = 0"), r"\tanh'(u) = 1 - \tanh^2(u) \le 1"),
    "relu": (N_("ReLU's slope is 1 where it is active and 0 elsewhere"), r"\mathrm{ReLU}'(u) \in \{0, 1\}"),
    "leaky_relu": (N_("Leaky ReLU's slope is 1, or α = 0.01 for u < 0"), r"f'(u) \in \{0.01, 1\}"),
}
DEPTHS = (10, 20, 50)            # the rows of the 0.25ⁿ table
MAX_FPRIME = {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0, "leaky_relu": 1.0}


def residual_text(on: bool) -> str:
    return t("residual on") if on else t("residual off")


def sci(x: float, digits: int = 2) -> str:
    """3.2e-05 as LaTeX: 3.20 \\times 10^{-5}."""
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else r"\infty"
    e = math.floor(math.log10(abs(x)))
    return rf"{x / 10 ** e:.{digits}f} \times 10^{{{e}}}"


def one_pass(activation: str, depth: int, width: int, init: str, residual: bool, seed: int, batch: int = 32):
    """One forward and one backward pass.  Returns a dict of per-layer arrays (layer 1 first)."""
    from engine.activations import ACTIVATIONS as FUNCS
    from engine.layers import Dense
    from engine.losses import get_loss

    f, f_prime = FUNCS[activation]
    rng = np.random.default_rng(seed)
    layers = [Dense(width, width, init=init, rng=rng) for _ in range(depth)]
    X = rng.normal(size=(batch, width))
    T = rng.normal(size=(batch, width))
    h, us, hs = X, [], []
    for dense in layers:                                  # forward
        u = dense.forward(h)
        h = h + f(u) if residual else f(u)
        us.append(u)
        hs.append(h)
    loss = get_loss("mse")
    E, delta = loss.value_and_grad(h, T)                  # δ = ∂E/∂h_L
    norms, fprime, delta_norms = np.zeros(depth), np.zeros(depth), np.zeros(depth)
    for l in range(depth - 1, -1, -1):                    # backward, top layer first
        delta_norms[l] = np.linalg.norm(delta)
        du = delta * f_prime(us[l])                       # ∂E/∂u_l = ∂E/∂h_l ⊙ f'(u_l)
        back = layers[l].backward(du)                     # stores ∂E/∂W_l, returns W_lᵀ-side δ
        delta = delta + back if residual else back        # the skip path adds δ unchanged
        norms[l] = np.linalg.norm(layers[l].grads["W"])
        fprime[l] = float(np.mean(f_prime(us[l])))
    return {"norms": norms, "fprime": fprime, "delta": delta_norms, "E": E,
            "act_std": np.array([float(np.std(x)) for x in hs])}


@dataclass(frozen=True)
class NetworkValues(Payload):
    """The first event (every event's arrays: "norms" ‖∂E/∂W_l‖ and "fprime" mean f′(u_l) per layer)."""
    depth: int


@dataclass(frozen=True)
class SpreadValues(Payload):
    """The forward pass: the spread (standard deviation) of the first and last layer's outputs."""
    std_first: float
    std_last: float


@dataclass(frozen=True)
class LossValues(Payload):
    E: float


@dataclass(frozen=True)
class LayerValues(Payload):
    """The backward pass at one layer."""
    layer: int                 # l, from 1
    norm: float                # ‖∂E/∂W_l‖
    ratio: float               # against layer l + 1's (nan for the last layer)
    fprime: float              # mean f′(u_l)


@dataclass(frozen=True)
class DoneValues(Payload):
    ratio: float               # ‖∇W_1‖ / ‖∇W_L‖
    bound: float               # 0.25^(L−1): the sigmoid's bound


class VanishingLab(Lab):
    name = "vanishing"
    title = N_("Vanishing gradients in a deep network")
    summary = N_("‖∂E/∂W‖ per layer of a deep MLP on a log scale; sigmoid/tanh/ReLU, Xavier/He, residual on/off.")
    params = (
        Param("activation", "sigmoid", N_("activation of every layer"), str, choices=ACTIVATIONS),
        Param("depth", 10, N_("number of layers (Dense + activation)"), int, low=2, high=50),
        Param("width", 32, N_("neurons per layer"), int, low=2, high=256),
        Param("init", "xavier", N_("weight initialisation"), str, choices=("xavier", "he")),
        Param("residual", False, N_("residual connections h_l = h_{{l-1}} + f(W h_{{l-1}} + b)"), bool),
        Param("seed", 0, N_("seed of the weights and the batch"), int, low=0, high=10**6),
    )

    def result(self) -> dict:
        v = self.values
        return one_pass(v["activation"], v["depth"], v["width"], v["init"], bool(v["residual"]), v["seed"])

    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        v = self.values
        act, L, res = v["activation"], v["depth"], bool(v["residual"])
        r = self.result()
        norms, arrays = r["norms"], {"norms": r["norms"], "fprime": r["fprime"]}
        table = r",\quad ".join(rf"0.25^{{{n}}} = {sci(0.25 ** n)}" for n in DEPTHS)
        slope, slope_tex = SLOPES[act]
        yield Event("info", t("{depth} layers of {width} {activation} neurons, {init} init, {residual}: {slope}",
                              depth=L, width=v["width"], activation=act, init=v["init"], residual=residual_text(res),
                              slope=translated(slope)),
                    rf"{slope_tex},\quad {table}" if act == "sigmoid"
                    else rf"{slope_tex},\quad \text{{sigmoid: }} {table}",
                    arrays=arrays, values=NetworkValues(L).values(), step=0)
        rule = r"h_l = h_{l-1} + f(W_l h_{l-1} + b_l)" if res else r"h_l = f(W_l h_{l-1} + b_l)"
        yield Event("forward", t("Forward through {depth} layers: spread of h_L = {std:.3g}", depth=L,
                                 std=r["act_std"][-1]),
                    rf"{rule},\quad \mathrm{{std}}(h_1) = {fmt(r['act_std'][0], 3)},\ "
                    rf"\mathrm{{std}}(h_{{{L}}}) = {fmt(r['act_std'][-1], 3)}",
                    arrays=arrays, values=SpreadValues(r["act_std"][0], r["act_std"][-1]).values(), step=1)
        yield Event("loss", t("Loss E = {E:.6g}", E=r["E"]),
                    rf"E = \frac{{1}}{{2n}}\sum (h_{{{L}}} - t)^2 = {fmt(r['E'])}",
                    arrays=arrays, values=LossValues(r["E"]).values(), step=2)
        skip = r"\delta_l + " if res else ""
        for k, l in enumerate(range(L - 1, -1, -1)):
            ratio = norms[l] / norms[l + 1] if l + 1 < L and norms[l + 1] > 0 else float("nan")
            than = t(", {ratio:.3g} × layer {layer}'s", ratio=ratio, layer=l + 2) if math.isfinite(ratio) else ""
            yield Event("backward", t("Layer {layer}: ‖∂E/∂W‖ = {norm:.3e}{than}; mean f'(u) = {fprime:.3f}",
                                      layer=l + 1, norm=norms[l], than=than, fprime=r["fprime"][l]),
                        rf"\delta_{{{l}}} = {skip}W_{{{l + 1}}}^T (\delta_{{{l + 1}}} \odot f'(u_{{{l + 1}}})),\quad "
                        rf"\lVert \partial E/\partial W_{{{l + 1}}} \rVert = {sci(norms[l])}",
                        arrays=arrays, values=LayerValues(l + 1, norms[l], ratio, r["fprime"][l]).values(), step=3 + k)
        spread = norms[0] / norms[-1] if norms[-1] > 0 else 0.0
        yield Event("done", t("First layer gets {spread:.3g} × the gradient of the last", spread=spread),
                    rf"\frac{{\lVert\nabla W_1\rVert}}{{\lVert\nabla W_{{{L}}}\rVert}} = {sci(spread)},\quad "
                    rf"0.25^{{{L - 1}}} = {sci(0.25 ** (L - 1))}",
                    arrays=arrays, values=DoneValues(spread, 0.25 ** (L - 1)).values(), step=3 + L)

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("{depth} layers of {width} {activation} neurons, init {init}, {residual}, seed {seed}",
                depth=v["depth"], width=v["width"], activation=v["activation"], init=v["init"],
                residual=residual_text(v["residual"]), seed=v["seed"]), file=out)
        print(t("The sigmoid's largest slope: sigma'(0) = 0.25; n layers multiply by at most 0.25^n:"), file=out)
        for n in DEPTHS:
            print(f"  0.25^{n} = {0.25 ** n:.4e}", file=out)
        r = self.result()
        print(t("Loss E = {E:.6g}", E=r["E"]), file=out)
        print("  ".join((pad(t("layer"), 5, right=True), pad("||dE/dW||", 10),
                         pad(t("mean f'(u)"), 10, right=True), t("log10 bar"))), file=out)
        logs = np.log10(np.maximum(r["norms"], 1e-300))
        top = logs.max()
        for l in range(v["depth"]):
            bar = "#" * max(0, int(round(2 * (logs[l] - top + 15))))    # 15 decades, 2 chars each
            print(f"{l + 1:>5}  {r['norms'][l]:.4e}  {r['fprime'][l]:10.4f}  {bar}", file=out)
        spread = r["norms"][0] / r["norms"][-1] if r["norms"][-1] > 0 else 0.0
        print(f"||dE/dW_1|| / ||dE/dW_{v['depth']}|| = {spread:.4e}", file=out)
