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

from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import MAX_ITEMS, Lab, LabError, Param
from tutor.labs.kit.text import pad
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

    def input(self, net):
        """(x, description, label or None) — and train the network first when the input is a digit."""
        v = self.values
        if not self.uses_digits():
            x = np.random.default_rng(v["seed"] + 1).random(self.sizes[0])
            return x, t("a random input of {n} numbers in [0, 1) (seed {seed}): no {n}-pixel images ship with "
                        "the course; weights untrained", n=self.sizes[0], seed=v["seed"]), None
        from engine.data import digits

        data = digits()
        X, y = data.X / 16.0, data.y
        label = int(y[v["digit"]])
        if v["train"] and self.sizes[-1] == 10:
            from engine.optimizers import Adam
            from engine.training import fit

            keep = np.arange(len(X)) != v["digit"]          # the shown digit is not trained on
            fit(net, X[keep], y[keep], "softmax_ce", Adam(0.005), epochs=v["train"], batch_size=32, seed=v["seed"])
            how = t("network trained {epochs} epochs on the other 1,796 digits", epochs=v["train"])
        else:
            how = t("weights untrained") + ("" if self.sizes[-1] == 10 else t(" (training needs 10 outputs)"))
        return X[v["digit"]], t("digit #{digit} (a {label}), 8×8 pixels / 16; {how}", digit=v["digit"], label=label,
                                how=how), label

    # --- the run -------------------------------------------------------------
    def run(self) -> Iterator[Event]:
        return self._events()

    def table(self) -> list[dict]:
        rows = []
        for l, (n_in, n_out) in enumerate(zip(self.sizes, self.sizes[1:]), start=1):
            rows.append({"layer": l, "W": (n_out, n_in), "b": n_out, "u": n_out, "y": n_out,
                         "weights": n_out * n_in, "params": n_out * n_in + n_out})
        return rows

    def _events(self) -> Iterator[Event]:
        from engine.activations import softmax

        sizes, act = self.sizes, self.values["activation"]
        net = self.network()
        total = net.param_count()
        rows = self.table()
        counts = " + ".join(rf"({r['W'][0]} \cdot {r['W'][1]} + {r['b']})" for r in rows)
        base = {"sizes": ",".join(map(str, sizes)), "total": total, "layers": len(rows)}
        yield Event("info", t("{sizes}: {layers} layers of weights, {total} parameters", sizes="-".join(map(str, sizes)),
                              layers=len(rows), total=grouped(total)),
                    rf"P = \sum_l (n_l n_{{l-1}} + n_l) = {counts} = {total}",
                    values={**base, "layer": 0}, step=0)
        x, what, label = self.input(net)
        yield Event("info", t("Input y⁽⁰⁾ = x: {what}", what=what),
                    rf"y^{{(0)}} = x \in \mathbb{{R}}^{{{sizes[0]}}}",
                    arrays={"y": x, "input": x}, values={**base, "layer": 0, "digit_input": self.uses_digits(),
                                                          "label": label}, step=1)
        step = 2
        y = x[None, :]
        denses = [layer for layer in net.layers if hasattr(layer, "n_in")]
        for l, (dense, r) in enumerate(zip(denses, rows), start=1):
            u = dense.forward(y)
            W, b = dense.params["W"], dense.params["b"]
            first = " + ".join(rf"{fmt(W[0, j], 2)} \cdot {fmt(y[0, j], 2)}" for j in range(min(3, W.shape[1])))
            more = r" + \dots" if W.shape[1] > 3 else ""
            shapes = f"({r['W'][0]}, {r['W'][1]}) · ({r['W'][1]}) + ({r['b']}) → ({r['u']})"
            yield Event("forward", t("Layer {layer}: u⁽{layer}⁾ = W⁽{layer}⁾ y⁽{previous}⁾ + b⁽{layer}⁾, shapes {shapes}",
                                     layer=l, previous=l - 1, shapes=shapes),
                        rf"u^{{({l})}}_1 = \sum_j W^{{({l})}}_{{1j}} y^{{({l - 1})}}_j + b^{{({l})}}_1 = {first}{more}"
                        rf" + {fmt(b[0], 2)} = {fmt(u[0, 0])}",
                        arrays={"u": u[0], "y": u[0]},
                        values={**base, "layer": l, "part": "u", "W_shape": str(r["W"]), "n": r["u"]}, step=step)
            step += 1
            last = l == len(rows)
            y = softmax(u) if last else net.layers[2 * l - 1].forward(u)
            if last:
                k = int(np.argmax(y[0]))
                formula = (rf"y_k = \frac{{e^{{u_k}}}}{{\sum_j e^{{u_j}}}},\quad \max_k y_k = y_{{{k}}} = "
                           rf"{fmt(y[0, k])}")
                text = t("Output: softmax(u⁽{layer}⁾) — {n} probabilities summing to 1; the largest is #{k}",
                         layer=l, n=sizes[-1], k=k)
            else:
                zeros = int(np.sum(y[0] == 0))
                formula = rf"y^{{({l})}} = \mathrm{{{act.replace('_', ' ')}}}(u^{{({l})}}),\quad y_1 = {fmt(y[0, 0])}"
                text = t("Layer {layer}: y⁽{layer}⁾ = {activation}(u⁽{layer}⁾), shape ({n})", layer=l,
                         activation=act, n=r["y"]) + \
                    (t("; {zeros} of {n} are 0", zeros=zeros, n=r["y"]) if act == "relu" else "")
            yield Event("forward", text, formula, arrays={"u": u[0], "y": y[0]},
                        values={**base, "layer": l, "part": "y", "n": r["y"], "output": last}, step=step)
            step += 1
            y = np.asarray(y)
        probs = y[0]
        k = int(np.argmax(probs))
        verdict = (t("the network says {k} (p = {p:.3f}); the digit is a {label}", k=k, p=probs[k], label=label)
                   if label is not None
                   else t("the largest output is #{k} (p = {p:.3f}) — untrained, so it means nothing yet", k=k,
                          p=probs[k]))
        yield Event("done", t("Forward pass done: {verdict}", verdict=verdict),
                    rf"\hat y = \arg\max_k y_k = {k},\quad \sum_k y_k = {fmt(float(probs.sum()))}",
                    arrays={"y": probs}, values={**base, "layer": len(rows), "prediction": k, "label": label,
                                                 "p": float(probs[k])}, step=step)

    def plain(self, out: TextIO) -> None:
        sizes = self.sizes
        arrows = " -> ".join(map(str, sizes))
        act = self.values["activation"]
        print(t("Architecture: {arrows} ({activation} hidden, softmax output)", arrows=arrows, activation=act), file=out)
        print(f"{pad(t('layer'), 6)} {'W':>12} {'b':>6} {'u, y':>6} {pad(t('parameters'), 12, right=True)}", file=out)
        for r in self.table():
            print(f"{r['layer']:<6} {str(r['W']):>12} {r['b']:>6} {r['u']:>6} {grouped(r['params']):>12}", file=out)
        total = grouped(sum(r['params'] for r in self.table()))
        print(t("Total parameters: {total}", total=total), file=out)
        for e in self.run():
            if e.kind == "info" and "input" in e.arrays:
                print(e.label, file=out)
            elif e.kind == "forward":
                y = e.arrays["y"]
                shown = ", ".join(f"{v:.4f}" for v in y[:8]) + (", ..." if len(y) > 8 else "")
                print(f"{e.label}\n    [{shown}]", file=out)
                if e.values.get("output"):
                    for k, p in enumerate(y):
                        print(f"    {k:>3} {p:.4f} {'#' * int(round(40 * p))}", file=out)
            elif e.kind == "done":
                print(e.label, file=out)
