"""Lab `rnn`: an Elman RNN over a short sequence, then how its gradient fades.

Forward: h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), one step at a time
(engine/recurrent_steps.py).  Backward: |∂h_T/∂h_t| for every t
(engine.recurrent.gradient_through_time) — each step back multiplies by
diag(1 − h_s²) W_hh, so unless W_hh is large the product shrinks with
every step: the vanishing gradient.  `scale` multiplies W_hh to show both
fading (small) and growing (large) gradients.
"""
from __future__ import annotations

from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.training import numbered
from tutor.locale import N_, t

SEQUENCES = ("sine", "ones", "pulse", "random")


def make_sequence(kind: str, T: int, seed: int = 0) -> np.ndarray:
    """One input number per step, shape (T, 1)."""
    steps = np.arange(T)
    if kind == "sine":
        x = np.sin(2 * np.pi * (steps + 1) / 8)   # x_1 = sin(π/4): the first step already has input
    elif kind == "ones":
        x = np.ones(T)
    elif kind == "pulse":
        x = (steps == 0).astype(float)        # one blip at the start: does h_T remember it?
    else:
        x = np.random.default_rng(seed).normal(size=T)
    return x.reshape(T, 1)


def vec(a, digits: int = 3) -> str:
    a = np.ravel(a)
    return "[" + ", ".join(f"{v:.{digits}f}" for v in a) + "]"


class RnnLab(Lab):
    name = "rnn"
    title = N_("A recurrent network, step by step, and its fading gradient")
    # not marked for translation: its braces would read as placeholders (the CLI prints it as it is)
    summary = "h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h) over a sequence, then |∂h_T/∂h_t| for every t."
    params = (
        Param("T", 10, N_("sequence length"), int, low=2, high=40),
        Param("hidden", 2, N_("hidden units"), int, low=1, high=8),
        Param("scale", 1.0, N_("multiply W_hh by this (small: gradients fade; large: they can grow)"),
              low=0.0, high=10.0),
        Param("input", "sine", N_("the sequence x_t"), str, choices=SEQUENCES),
        Param("seed", 0, N_("seed of the weights"), int, low=0, high=10**6),
    )

    def layer(self):
        from engine.recurrent import RNN

        v = self.values
        layer = RNN(1, v["hidden"], seed=v["seed"])
        layer.params["W_hh"] *= v["scale"]
        return layer

    def sequence(self) -> np.ndarray:
        return make_sequence(self.values["input"], self.values["T"], self.values["seed"])

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def _events(self) -> Iterator[Event]:
        from engine.recurrent import gradient_through_time
        from engine.recurrent_steps import sequence_events

        layer, xs = self.layer(), self.sequence()
        T = len(xs)
        p = layer.params
        yield Event("info", t("An Elman RNN: 1 input, {hidden} hidden units, T = {T} steps, h_0 = 0",
                              hidden=layer.hidden_size, T=T),
                    r"h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)",
                    arrays={"xs": xs[:, 0], "W_xh": p["W_xh"], "W_hh": p["W_hh"], "b_h": p["b_h"]},
                    values={"T": T, "hidden": layer.hidden_size})
        hs = []
        for e in sequence_events(layer, xs):
            if e.kind == "done":
                yield Event("info", t("Forward pass done: h_{T} is what the network carries forward", T=T), e.formula,
                            arrays=e.arrays, values={"T": T})
                continue
            hs.append(np.array(e.arrays["h_t"]))
            yield Event(e.kind, e.label, e.formula, arrays={**e.arrays, "hs": np.array(hs), "xs": xs[:, 0]},
                        values=e.values)
        norms = gradient_through_time(layer, xs)
        shown = np.full(T, np.nan)
        shown[T - 1] = norms[T - 1]
        yield Event("backward", t("Backward from h_{T}: |∂h_{T}/∂h_{T}| = |I| = √{hidden}", T=T, hidden=layer.hidden_size),
                    rf"\left|\frac{{\partial h_{{{T}}}}}{{\partial h_{{{T}}}}}\right| = |I| = {fmt(norms[T - 1], 4)}",
                    arrays={"norms": shown, "hs": np.array(hs)}, values={"t": T, "norm": float(norms[T - 1])})
        for s in range(T - 1, 0, -1):
            shown[s - 1] = norms[s - 1]
            h_next = hs[s]                   # h_{s+1} (hs[0] is h_1)
            factor = np.diag(1 - h_next ** 2) @ p["W_hh"]
            yield Event("backward", t("t = {t}: |∂h_{T}/∂h_{t}| = {norm:.3g}", t=s, T=T, norm=norms[s - 1]),
                        rf"\frac{{\partial h_{{{T}}}}}{{\partial h_{{{s}}}}} = \frac{{\partial h_{{{T}}}}}"
                        rf"{{\partial h_{{{s + 1}}}}} \cdot \mathrm{{diag}}(1 - h_{{{s + 1}}}^2)\, W_{{hh}}, \quad "
                        rf"\left|\frac{{\partial h_{{{T}}}}}{{\partial h_{{{s}}}}}\right| = {norms[s - 1]:.3g}",
                        arrays={"norms": shown, "hs": np.array(hs), "step_factor": factor},
                        values={"t": s, "norm": float(norms[s - 1]),
                                "factor_norm": float(np.linalg.norm(factor))})
        ratio = norms[0] / norms[T - 1]
        yield Event("done", t("Done: |∂h_{T}/∂h_1| is {ratio:.3g} times |∂h_{T}/∂h_{T}|", T=T, ratio=ratio),
                    rf"\frac{{|\partial h_{{{T}}}/\partial h_1|}}{{|\partial h_{{{T}}}/\partial h_{{{T}}}|}} = {ratio:.3g}",
                    arrays={"norms": norms, "hs": np.array(hs)}, values={"ratio": float(ratio)})

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("Elman RNN: T = {T}, hidden = {hidden}, input = {input}, W_hh scaled by {scale:g}, seed = {seed}",
                T=v["T"], hidden=v["hidden"], input=v["input"], scale=v["scale"], seed=v["seed"]), file=out)
        print("h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), h_0 = 0", file=out)
        for e in self.run():
            a, val = e.arrays, e.values
            if e.kind == "info" and "W_hh" in a:
                print(f"W_xh = {vec(a['W_xh'])}", file=out)
                print("W_hh = " + "; ".join(vec(row) for row in a["W_hh"]), file=out)
                print(f"x = {vec(a['xs'])}", file=out)
            elif e.kind == "gate":
                print(f"t = {val['t']}: x_t = {a['x_t'][0]:.3f}, h_t = {vec(a['h_t'])}", file=out)
            elif e.kind == "backward":
                bar = "#" * int(round(20 * min(1.0, val["norm"] / np.sqrt(v["hidden"]))))
                print(f"|dh_{v['T']}/dh_{val['t']}| = {val['norm']:.6g} {bar}", file=out)
            elif e.kind == "done":
                print(t("ratio |dh_T/dh_1| / |dh_T/dh_T| = {ratio:.6g}", ratio=val["ratio"]), file=out)
