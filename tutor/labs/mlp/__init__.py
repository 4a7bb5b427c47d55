"""Lab `mlp`: the architecture of a multilayer perceptron and one forward pass through it.

For any layer sizes (sizes=784,256,128,10, the course's digit recogniser) the
lab draws the layers, counts the parameters (layer l has n_l × n_{l−1}
weights and n_l biases) and lists the shapes of W, b, u and y:
    u^(l) = W^(l) y^(l−1) + b^(l)     W^(l): (n_l, n_{l−1}),  b, u, y: (n_l)
    y^(l) = f(u^(l)) for hidden layers, softmax for the output.
Then it walks one input forward, layer by layer.  With 64 inputs the input
is one of the shipped 8×8 digits (and the network is first trained on the
others for `train` epochs); with any other input size — 784 included, since
no 28×28 images ship with the course — the input is seeded random numbers
and the weights are untrained He/Xavier draws, which the lab says.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import MAX_ITEMS, Lab, LabError, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.text import pad
from tutor.labs.kit.training import numbered
from tutor.locale import N_, t

MAX_UNITS = 4096
MAX_PARAMS = 5_000_000


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(p) for p in str(text).replace(" ", "").split(",") if p]
    except ValueError:
        raise LabError(t("sizes={text}: expected whole numbers separated by commas, e.g. sizes=64,32,10",
                         text=repr(text))) from None
    if len(sizes) < 2:
        raise LabError(t("sizes={text}: give at least an input size and an output size, e.g. sizes=64,10",
                         text=repr(text)))
    if not all(1 <= n <= MAX_UNITS for n in sizes):
        raise LabError(t("sizes={text}: every layer needs between 1 and {most} neurons", text=repr(text),
                         most=MAX_UNITS))
    total = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    if total > MAX_PARAMS:
        raise LabError(t("sizes={text}: {total:,} parameters is more than this lab builds ({most:,})",
                         text=repr(text), total=total, most=MAX_PARAMS))
    return sizes


def grouped(n: int) -> str:
    return f"{n:,}"


@dataclass(frozen=True)
class Shape:
    """One layer of weights: its shapes and parameter count (a row of the lab's table)."""
    layer: int                 # l, from 1
    W: tuple[int, int]         # (n_l, n_{l−1})
    b: int                     # n_l, as are u and y
    u: int
    y: int
    weights: int               # n_l · n_{l−1}
    params: int                # weights + biases


@dataclass(frozen=True)
class MlpValues(Payload):
    """What every event carries: the network, and the layer its step is at (0: the input)."""
    sizes: str                 # "784,256,128,10"
    total: int                 # parameters
    layers: int                # layers of weights
    layer: int


@dataclass(frozen=True)
class InputValues(MlpValues):
    """The input y⁽⁰⁾ = x (arrays: "input", "y")."""
    digit_input: bool          # one of the shipped digits (else seeded random numbers)
    label: int | None          # the digit it is (None: random numbers)


@dataclass(frozen=True)
class LayerValues(MlpValues):
    """Half a layer's forward step (arrays: "u", "y"): part "u" or part "y"."""
    part: str
    n: int                     # the layer's neurons


@dataclass(frozen=True)
class SumValues(LayerValues):
    """u⁽ˡ⁾ = W⁽ˡ⁾ y⁽ˡ⁻¹⁾ + b⁽ˡ⁾, and the numbers of its first row."""
    W_shape: str               # "(n_l, n_{l−1})"
    terms: tuple[tuple[float, float], ...]   # (W_1j, y_j) for the first three j
    bias: float                # b_1


@dataclass(frozen=True)
class ActivationValues(LayerValues):
    """y⁽ˡ⁾ = f(u⁽ˡ⁾), softmax for the output layer."""
    output: bool


@dataclass(frozen=True)
class DoneValues(MlpValues):
    """What the network reads (arrays: the probabilities "y")."""
    prediction: int
    label: int | None
    p: float                   # the prediction's probability


class MlpLab(Lab):
    name = "mlp"
    title = N_("A multilayer perceptron: shapes, parameters, forward pass")
    summary = N_("Layer sizes in, diagram, parameter count and W/b/u/y shapes out; then one forward pass, "
                 "layer by layer.")
    params = (
        Param("sizes", "784,256,128,10", N_("layer sizes, input first, e.g. 64,32,10"), str, items=MAX_ITEMS),
        Param("activation", "relu", N_("hidden activation"), str, choices=("relu", "sigmoid", "tanh", "leaky_relu")),
        Param("digit", 0, N_("which 8×8 digit is the input (when the input size is 64)"), int, low=0, high=1796),
        Param("train", 20, N_("epochs of training on the other digits first (input size 64 only)"), int,
              low=0, high=200),
        Param("seed", 0, N_("seed of the weights and of a random input"), int, low=0, high=10**6),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        self.sizes = parse_sizes(self.values["sizes"])

    # --- the network --------------------------------------------------------
    def network(self):
        from engine.layers import ACTIVATION_LAYERS, Dense
        from engine.network import Sequential

        act = self.values["activation"]
        init = "he" if act in ("relu", "leaky_relu") else "xavier"
        rng = np.random.default_rng(self.values["seed"])
        layers = []
        pairs = list(zip(self.sizes, self.sizes[1:]))
        for l, (n_in, n_out) in enumerate(pairs):
            layers.append(Dense(n_in, n_out, init=init if l < len(pairs) - 1 else "xavier", rng=rng))
            if l < len(pairs) - 1:
                layers.append(ACTIVATION_LAYERS[act]())
        return Sequential(layers)

    def uses_digits(self) -> bool:
        return self.sizes[0] == 64

    def trains(self) -> bool:
        """Is the network trained first (a digit input, 10 outputs, `train` epochs)?"""
        return self.uses_digits() and bool(self.values["train"]) and self.sizes[-1] == 10

    def input(self, net):
        """(x, its label or None) — and train the network first when the input is a digit."""
        v = self.values
        if not self.uses_digits():
            return np.random.default_rng(v["seed"] + 1).random(self.sizes[0]), None
        from engine.data import digits

        data = digits()
        X, y = data.X / 16.0, data.y
        if self.trains():
            from engine.optimizers import Adam
            from engine.training import fit

            keep = np.arange(len(X)) != v["digit"]          # the shown digit is not trained on
            fit(net, X[keep], y[keep], "softmax_ce", Adam(0.005), epochs=v["train"], batch_size=32, seed=v["seed"])
        return X[v["digit"]], int(y[v["digit"]])

    def input_text(self, label: int | None) -> str:
        """What the input is, and whether the network was trained."""
        v = self.values
        if label is None:
            return t("a random input of {n} numbers in [0, 1) (seed {seed}): no {n}-pixel images ship with "
                     "the course; weights untrained", n=self.sizes[0], seed=v["seed"])
        if self.trains():
            how = t("network trained {epochs} epochs on the other 1,796 digits", epochs=v["train"])
        else:
            how = t("weights untrained") + ("" if self.sizes[-1] == 10 else t(" (training needs 10 outputs)"))
        return t("digit #{digit} (a {label}), 8×8 pixels / 16; {how}", digit=v["digit"], label=label, how=how)

    # --- the run -------------------------------------------------------------
    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def table(self) -> list[Shape]:
        return [Shape(l, (n_out, n_in), n_out, n_out, n_out, n_out * n_in, n_out * n_in + n_out)
                for l, (n_in, n_out) in enumerate(zip(self.sizes, self.sizes[1:]), start=1)]

    # --- drive the engine: one input forward, layer by layer ------------------------------
    def _drive(self) -> Iterator[tuple[MlpValues, dict]]:
        """(what happened, its arrays): the network, the input, u and y of every layer, the end."""
        from engine.activations import softmax

        net = self.network()
        rows = self.table()
        base = MlpValues(",".join(map(str, self.sizes)), net.param_count(), len(rows), 0)
        at = lambda l: base.values(layer=l)         # every event's values start with these
        yield base, {}
        x, label = self.input(net)
        yield InputValues(**at(0), digit_input=self.uses_digits(), label=label), {"y": x, "input": x}
        y = x[None, :]
        denses = [layer for layer in net.layers if hasattr(layer, "n_in")]
        for l, (dense, r) in enumerate(zip(denses, rows), start=1):
            u = dense.forward(y)
            W, b = dense.params["W"], dense.params["b"]
            terms = tuple((float(W[0, j]), float(y[0, j])) for j in range(min(3, W.shape[1])))
            yield (SumValues(**at(l), part="u", n=r.u, W_shape=str(r.W), terms=terms, bias=float(b[0])),
                   {"u": u[0], "y": u[0]})
            last = l == len(rows)
            y = np.asarray(softmax(u) if last else net.layers[2 * l - 1].forward(u))
            yield ActivationValues(**at(l), part="y", n=r.y, output=last), {"u": u[0], "y": y[0]}
        k = int(np.argmax(y[0]))
        yield DoneValues(**at(len(rows)), prediction=k, label=label, p=float(y[0, k])), {"y": y[0]}

    # --- narrate: a caption and a formula for each step -----------------------------------
    def _events(self) -> Iterator[Event]:
        say = {MlpValues: self._say_network, InputValues: self._say_input, SumValues: self._say_sum,
               ActivationValues: self._say_activation, DoneValues: self._say_done}
        for what, arrays in self._drive():
            yield say[type(what)](what, arrays)

    def _say_network(self, v: MlpValues, arrays) -> Event:
        counts = " + ".join(rf"({r.W[0]} \cdot {r.W[1]} + {r.b})" for r in self.table())
        return Event("info", t("{sizes}: {layers} layers of weights, {total} parameters",
                               sizes="-".join(map(str, self.sizes)), layers=v.layers, total=grouped(v.total)),
                     rf"P = \sum_l (n_l n_{{l-1}} + n_l) = {counts} = {v.total}", values=v.values())

    def _say_input(self, v: InputValues, arrays) -> Event:
        return Event("info", t("Input y⁽⁰⁾ = x: {what}", what=self.input_text(v.label)),
                     rf"y^{{(0)}} = x \in \mathbb{{R}}^{{{self.sizes[0]}}}", arrays=arrays, values=v.values())

    def _say_sum(self, v: SumValues, arrays) -> Event:
        l, (rows, cols) = v.layer, self.table()[v.layer - 1].W
        first = " + ".join(rf"{fmt(w, 2)} \cdot {fmt(y, 2)}" for w, y in v.terms)
        more = r" + \dots" if cols > 3 else ""
        shapes = f"({rows}, {cols}) · ({cols}) + ({v.n}) → ({v.n})"
        return Event("forward", t("Layer {layer}: u⁽{layer}⁾ = W⁽{layer}⁾ y⁽{previous}⁾ + b⁽{layer}⁾, shapes {shapes}",
                                  layer=l, previous=l - 1, shapes=shapes),
                     rf"u^{{({l})}}_1 = \sum_j W^{{({l})}}_{{1j}} y^{{({l - 1})}}_j + b^{{({l})}}_1 = {first}{more}"
                     rf" + {fmt(v.bias, 2)} = {fmt(arrays['u'][0])}", arrays=arrays, values=v.values())

    def _say_activation(self, v: ActivationValues, arrays) -> Event:
        l, y, act = v.layer, arrays["y"], self.values["activation"]
        if v.output:
            k = int(np.argmax(y))
            formula = rf"y_k = \frac{{e^{{u_k}}}}{{\sum_j e^{{u_j}}}},\quad \max_k y_k = y_{{{k}}} = {fmt(y[k])}"
            text = t("Output: softmax(u⁽{layer}⁾) — {n} probabilities summing to 1; the largest is #{k}",
                     layer=l, n=v.n, k=k)
        else:
            formula = rf"y^{{({l})}} = \mathrm{{{act.replace('_', ' ')}}}(u^{{({l})}}),\quad y_1 = {fmt(y[0])}"
            text = t("Layer {layer}: y⁽{layer}⁾ = {activation}(u⁽{layer}⁾), shape ({n})", layer=l,
                     activation=act, n=v.n)
            if act == "relu":
                text += t("; {zeros} of {n} are 0", zeros=int(np.sum(y == 0)), n=v.n)
        return Event("forward", text, formula, arrays=arrays, values=v.values())

    @staticmethod
    def _say_done(v: DoneValues, arrays) -> Event:
        k, probs = v.prediction, arrays["y"]
        verdict = (t("the network says {k} (p = {p:.3f}); the digit is a {label}", k=k, p=v.p, label=v.label)
                   if v.label is not None
                   else t("the largest output is #{k} (p = {p:.3f}) — untrained, so it means nothing yet", k=k, p=v.p))
        return Event("done", t("Forward pass done: {verdict}", verdict=verdict),
                     rf"\hat y = \arg\max_k y_k = {k},\quad \sum_k y_k = {fmt(float(probs.sum()))}",
                     arrays=arrays, values=v.values())

    def plain(self, out: TextIO) -> None:
        sizes = self.sizes
        arrows = " -> ".join(map(str, sizes))
        act = self.values["activation"]
        print(t("Architecture: {arrows} ({activation} hidden, softmax output)", arrows=arrows, activation=act), file=out)
        print(f"{pad(t('layer'), 6)} {'W':>12} {'b':>6} {'u, y':>6} {pad(t('parameters'), 12, right=True)}", file=out)
        for r in self.table():
            print(f"{r.layer:<6} {str(r.W):>12} {r.b:>6} {r.u:>6} {grouped(r.params):>12}", file=out)
        total = grouped(sum(r.params for r in self.table()))
        print(t("Total parameters: {total}", total=total), file=out)
        for e in self.run():
            if InputValues.of(e) is not None:
                print(e.label, file=out)
            elif e.kind == "forward":
                y = e.arrays["y"]
                shown = ", ".join(f"{v:.4f}" for v in y[:8]) + (", ..." if len(y) > 8 else "")
                print(f"{e.label}\n    [{shown}]", file=out)
                layer = ActivationValues.of(e)
                if layer is not None and layer.output:
                    for k, p in enumerate(y):
                        print(f"    {k:>3} {p:.4f} {'#' * int(round(40 * p))}", file=out)
            elif e.kind == "done":
                print(e.label, file=out)
