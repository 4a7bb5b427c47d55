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

SEQUENCES = ("sine", "ones", "pulse", "random")


def make_sequence(kind: str, T: int, seed: int = 0) -> np.ndarray:
    """One input number per step, shape (T, 1)."""
    t = np.arange(T)
    if kind == "sine":
        x = np.sin(2 * np.pi * (t + 1) / 8)   # x_1 = sin(π/4): the first step already has input
    elif kind == "ones":
        x = np.ones(T)
    elif kind == "pulse":
        x = (t == 0).astype(float)        # one blip at the start: does h_T remember it?
    else:
        x = np.random.default_rng(seed).normal(size=T)
    return x.reshape(T, 1)


def vec(a, digits: int = 3) -> str:
    a = np.ravel(a)
    return "[" + ", ".join(f"{v:.{digits}f}" for v in a) + "]"


class RnnLab(Lab):
    name = "rnn"
    title = "A recurrent network, step by step, and its fading gradient"
    title_zh = "循环神经网络：逐步前向与梯度消失"
    summary = "h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h) over a sequence, then |∂h_T/∂h_t| for every t."
    params = (
        Param("T", 10, "sequence length", int, low=2, high=40),
        Param("hidden", 2, "hidden units", int, low=1, high=8),
        Param("scale", 1.0, "multiply W_hh by this (small: gradients fade; large: they can grow)",
              low=0.0, high=10.0),
        Param("input", "sine", "the sequence x_t", str, choices=SEQUENCES),
        Param("seed", 0, "seed of the weights", int, low=0, high=10**6),
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
        yield Event("info", self.tr(f"An Elman RNN: 1 input, {layer.hidden_size} hidden units, T = {T} steps, h_0 = 0",
                                    f"Elman 循环神经网络：1 个输入，{layer.hidden_size} 个隐藏单元，T = {T} 步，h_0 = 0"),
                    r"h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)",
                    arrays={"xs": xs[:, 0], "W_xh": p["W_xh"], "W_hh": p["W_hh"], "b_h": p["b_h"]},
                    values={"T": T, "hidden": layer.hidden_size})
        hs = []
        for e in sequence_events(layer, xs):
            if e.kind == "done":
                yield Event("info", self.tr(f"Forward pass done: h_{T} is what the network carries forward",
                                            f"前向传播完成：h_{T} 就是网络往后带的全部记忆"), e.formula,
                            arrays=e.arrays, values={"T": T})
                continue
            hs.append(np.array(e.arrays["h_t"]))
            yield Event(e.kind, e.label, e.formula, arrays={**e.arrays, "hs": np.array(hs), "xs": xs[:, 0]},
                        values=e.values)
        norms = gradient_through_time(layer, xs)
        shown = np.full(T, np.nan)
        shown[T - 1] = norms[T - 1]
        yield Event("backward", self.tr(f"Backward from h_{T}: |∂h_{T}/∂h_{T}| = |I| = √{layer.hidden_size}",
                                        f"从 h_{T} 开始反向传播：|∂h_{T}/∂h_{T}| = |I| = √{layer.hidden_size}"),
                    rf"\left|\frac{{\partial h_{{{T}}}}}{{\partial h_{{{T}}}}}\right| = |I| = {fmt(norms[T - 1], 4)}",
                    arrays={"norms": shown, "hs": np.array(hs)}, values={"t": T, "norm": float(norms[T - 1])})
        for t in range(T - 1, 0, -1):
            shown[t - 1] = norms[t - 1]
            h_next = hs[t]                   # h_{t+1} (hs[0] is h_1)
            factor = np.diag(1 - h_next ** 2) @ p["W_hh"]
            yield Event("backward", f"t = {t}: |∂h_{T}/∂h_{t}| = {norms[t - 1]:.3g}",
                        rf"\frac{{\partial h_{{{T}}}}}{{\partial h_{{{t}}}}} = \frac{{\partial h_{{{T}}}}}"
                        rf"{{\partial h_{{{t + 1}}}}} \cdot \mathrm{{diag}}(1 - h_{{{t + 1}}}^2)\, W_{{hh}}, \quad "
                        rf"\left|\frac{{\partial h_{{{T}}}}}{{\partial h_{{{t}}}}}\right| = {norms[t - 1]:.3g}",
                        arrays={"norms": shown, "hs": np.array(hs), "step_factor": factor},
                        values={"t": t, "norm": float(norms[t - 1]),
                                "factor_norm": float(np.linalg.norm(factor))})
        ratio = norms[0] / norms[T - 1]
        yield Event("done", self.tr(f"Done: |∂h_{T}/∂h_1| is {ratio:.3g} times |∂h_{T}/∂h_{T}|",
                                    f"完成：|∂h_{T}/∂h_1| 是 |∂h_{T}/∂h_{T}| 的 {ratio:.3g} 倍"),
                    rf"\frac{{|\partial h_{{{T}}}/\partial h_1|}}{{|\partial h_{{{T}}}/\partial h_{{{T}}}|}} = {ratio:.3g}",
                    arrays={"norms": norms, "hs": np.array(hs)}, values={"ratio": float(ratio)})

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(self.tr(f"Elman RNN: T = {v['T']}, hidden = {v['hidden']}, input = {v['input']}, "
                      f"W_hh scaled by {v['scale']:g}, seed = {v['seed']}",
                      f"Elman 循环神经网络：T = {v['T']}，隐藏单元 hidden = {v['hidden']}，输入序列 input = {v['input']}，"
                      f"W_hh 乘以 {v['scale']:g}，随机种子 seed = {v['seed']}"), file=out)
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
                print(self.tr("ratio", "比值") + f" |dh_T/dh_1| / |dh_T/dh_T| = {val['ratio']:.6g}", file=out)
