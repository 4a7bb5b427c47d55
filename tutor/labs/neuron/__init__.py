"""Lab `neuron`: one neuron with two inputs, u = w1 x1 + w2 x2 + b, y = f(u).

It runs the four inputs of a logic gate through the neuron (the weighted sum
is engine.layers.Dense, the sigmoid engine.activations), then says which gate
the outputs make, where the threshold −b sits and where the decision line
w1 x1 + w2 x2 + b = 0 runs.

The source material's example (w = (1, 1), b = −1, "AND") is checked here,
not copied: its table gives u = 0 for (0, 0), but u = −1 there; and (0, 1),
(1, 0) give u = 0 exactly on the threshold, so the gate is AND only if the
step fires for u > 0 — with u ≥ 0 it is OR.  `neuron b=-1` shows both.
"""
from __future__ import annotations

from typing import Iterator, TextIO

import numpy as np

from engine.activations import sigmoid
from engine.data import logic_gate
from engine.events import Event, fmt, fmt_factor
from engine.layers import Dense
from tutor.labs.kit.lab import Lab, Param

GATES = ("and", "or", "nand", "nor", "xor")
ON_LINE = 1e-9          # |u| below this is "exactly on the threshold"
ACTIVATIONS = {
    "step": "step: y = 1 if u > 0 else 0",
    "step0": "step: y = 1 if u ≥ 0 else 0",
    "sigmoid": "sigmoid: y = σ(u), read as 1 when y ≥ 0.5",
}
# "激活函数" + these: "激活函数用阶跃函数（……）"
ACTIVATIONS_ZH = {
    "step": "用阶跃函数（u > 0 时 y = 1，否则 y = 0）",
    "step0": "用阶跃函数（u ≥ 0 时 y = 1，否则 y = 0）",
    "sigmoid": "用 sigmoid（y = σ(u)，y ≥ 0.5 时算作 1）",
}


def gates_text(gates: list[str], lang: str = "en", none: str = "") -> str:
    """"AND and OR" / "AND 和 OR"; `none` (or the default) when the list is empty."""
    if gates:
        return (" 和 " if lang == "zh" else " and ").join(gates)
    if none:
        return none
    return "都不是 AND、OR、NAND、NOR、XOR" if lang == "zh" else "none of AND, OR, NAND, NOR, XOR"


def computes_zh(gates: list[str]) -> str:
    """"实现的是 AND" or, with no gate, "实现的不是 AND、OR、…… 中的任何一个"."""
    return f"实现的是 {gates_text(gates, 'zh')}" if gates else "实现的不是 AND、OR、NAND、NOR、XOR 中的任何一个"


def weighted_sums(w1: float, w2: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """The four gate inputs X (4, 2) and u = X Wᵀ + b for each, by the engine's Dense layer."""
    X, _ = logic_gate("and")
    layer = Dense(2, 1, W=[[w1, w2]], b=[b])
    u = layer.forward(X)[:, 0]
    return X, np.where(np.abs(u) < ON_LINE, 0.0, u)


def fire(u: np.ndarray, activation: str) -> tuple[np.ndarray, np.ndarray]:
    """(y, the 0/1 answer) for each u."""
    if activation == "sigmoid":
        y = sigmoid(u)
        return y, (y >= 0.5).astype(int)
    answer = (u >= 0 if activation == "step0" else u > 0).astype(int)
    return answer.astype(float), answer


def fires_at_zero(activation: str) -> bool:
    """Does the neuron fire exactly on the line u = 0?  Only the strict step says no
    (sigmoid reads σ(0) = 0.5 as 1)."""
    return activation != "step"


def gates_matched(answers) -> list[str]:
    return [g.upper() for g in GATES if list(logic_gate(g)[1]) == list(answers)]


class NeuronLab(Lab):
    name = "neuron"
    title = "One neuron: weights, bias and the decision line"
    title_zh = "一个神经元：权重、偏置与决策线"
    summary = "Two inputs, weights, a bias and an activation: the AND/OR truth tables, the threshold −b, the line."
    params = (
        Param("w1", 1.0, "weight of input x1", low=-100, high=100),
        Param("w2", 1.0, "weight of input x2", low=-100, high=100),
        Param("b", -1.5, "bias (the neuron fires when w1 x1 + w2 x2 > −b)", low=-100, high=100),
        Param("activation", "step", "step (fires when u > 0), step0 (when u ≥ 0) or sigmoid", kind=str,
              choices=tuple(ACTIVATIONS)),
    )

    def weights(self) -> tuple[float, float, float]:
        v = self.values
        return float(v["w1"]), float(v["w2"]), float(v["b"])

    def table(self) -> dict:
        """Everything the run, the panel and --plain show, for the current weights."""
        w1, w2, b = self.weights()
        X, u = weighted_sums(w1, w2, b)
        y, answers = fire(u, self.values["activation"])
        other = "step0" if self.values["activation"] == "step" else "step"
        on_line = [tuple(int(t) for t in x) for x, ui in zip(X, u) if ui == 0.0]
        return {"X": X, "u": u, "y": y, "answers": answers, "gates": gates_matched(answers),
                "on_line": on_line, "margin": float(np.min(np.abs(u))),
                "other": other, "other_gates": gates_matched(fire(u, other)[1])}

    # --- the run -------------------------------------------------------------------
    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        w1, w2, b = self.weights()
        t = self.table()
        act = self.values["activation"]
        weights = {"w1": w1, "w2": w2, "b": b}
        n = 0
        yield Event("info", self.tr(f"One neuron: {ACTIVATIONS[act]}", f"一个神经元，激活函数{ACTIVATIONS_ZH[act]}"),
                    rf"u = w_1 x_1 + w_2 x_2 + b = {fmt(w1, 2)} x_1 + {fmt_factor(w2, 2)} x_2 + {fmt_factor(b, 2)}",
                    values={"what": "neuron", **weights}, step=n)
        n += 1
        for x, u, y, answer in zip(t["X"], t["u"], t["y"], t["answers"]):
            x1, x2 = int(x[0]), int(x[1])
            out = f"y = σ({fmt(u, 2)}) = {fmt(y, 4)}" if act == "sigmoid" else f"y = {answer}"
            note = self.tr("  (exactly on the threshold)", "（正好压在门槛上）") if u == 0.0 else ""
            yield Event("forward", self.tr(f"Input ({x1}, {x2}): u = {fmt(u, 2)}, {out}{note}",
                                           f"输入 ({x1}, {x2})：u = {fmt(u, 2)}，{out}{note}"),
                        rf"u = {fmt(w1, 2)} \cdot {x1} + {fmt_factor(w2, 2)} \cdot {x2} + {fmt_factor(b, 2)} = {fmt(u, 2)}",
                        values={"what": "input", "x1": x1, "x2": x2, "u": float(u), "y": float(y),
                                "answer": int(answer), **weights}, step=n)
            n += 1
        gates = gates_text(t["gates"], self.lang)
        outputs = ", ".join(map(str, t["answers"]))
        yield Event("info", self.tr(f"Outputs {outputs}: this neuron computes {gates}",
                                    f"输出 {outputs}：这个神经元{computes_zh(t['gates'])}"),
                    r"\text{AND} = 0, 0, 0, 1 \qquad \text{OR} = 0, 1, 1, 1",
                    values={"what": "gates", "gates": tuple(t["gates"]), **weights}, step=n)
        n += 1
        rel, tex = ("≥", r"\ge") if fires_at_zero(self.values["activation"]) else (">", ">")
        yield Event("info", self.tr(f"The bias is a threshold: the neuron fires when w·x {rel} −b = {fmt(-b, 2)}",
                                    f"偏置就是门槛：w·x {rel} −b = {fmt(-b, 2)} 时神经元激活"),
                    rf"w_1 x_1 + w_2 x_2 + b {tex} 0 \iff w_1 x_1 + w_2 x_2 {tex} -b = {fmt(-b, 2)}",
                    values={"what": "threshold", **weights}, step=n)
        n += 1
        yield Event("info", decision_line_text(w1, w2, b, self.lang),
                    rf"{fmt(w1, 2)} x_1 + {fmt_factor(w2, 2)} x_2 + {fmt_factor(b, 2)} = 0",
                    values={"what": "line", **weights}, step=n)
        n += 1
        yield Event("done", margin_text(t, self.lang), "", values={"what": "margin", "margin": t["margin"], **weights}, step=n)

    def plain(self, out: TextIO) -> None:
        w1, w2, b = self.weights()
        t = self.table()
        act = self.values["activation"]
        print(self.tr(f"Neuron: u = w1 x1 + w2 x2 + b with w = ({w1:g}, {w2:g}), b = {b:g}; activation {ACTIVATIONS[act]}",
                      f"神经元：u = w1 x1 + w2 x2 + b，w = ({w1:g}, {w2:g})，b = {b:g}；激活函数{ACTIVATIONS_ZH[act]}"),
              file=out)
        and_y, or_y = logic_gate("and")[1], logic_gate("or")[1]
        # "输出" is four terminal cells wide, "out" three: the zh column is one wider
        print(self.tr("x1 x2 |        u |        y | out | AND OR", "x1 x2 |        u |        y | 输出 | AND OR"),
              file=out)
        width = 4 if self.lang == "zh" else 3
        for x, u, y, answer, a, o in zip(t["X"], t["u"], t["y"], t["answers"], and_y, or_y):
            print(f"{int(x[0]):>2} {int(x[1]):>2} | {u:>8.4f} | {y:>8.4f} | {answer:>{width}} | {a:>3} {o:>2}",
                  file=out)
        gates = gates_text(t["gates"], self.lang)
        outputs = ", ".join(map(str, t["answers"]))
        print(self.tr(f"Outputs {outputs}: computes {gates}", f"输出 {outputs}：{computes_zh(t['gates'])}"), file=out)
        rel = ">=" if fires_at_zero(self.values["activation"]) else ">"
        print(self.tr(f"Threshold: fires when w1 x1 + w2 x2 {rel} -b = {-b + 0.0:g}",
                      f"门槛：w1 x1 + w2 x2 {rel} -b = {-b + 0.0:g} 时激活"), file=out)
        print(decision_line_text(w1, w2, b, self.lang), file=out)
        print(margin_text(t, self.lang), file=out)


def decision_line_text(w1: float, w2: float, b: float, lang: str = "en") -> str:
    zh = lang == "zh"
    if w2 != 0:
        slope, cut = -w1 / w2, -b / w2
        line = f"x2 = {cut:g} {'-' if slope < 0 else '+'} {abs(slope):g}·x1"
        if zh:
            return f"决策线：{line}（线的一侧激活，另一侧不激活）"
        return f"Decision line: {line} (one side fires, the other not)"
    if w1 != 0:
        if zh:
            return f"决策线：x1 = {-b / w1:g}（竖直线：只有 x1 起作用）"
        return f"Decision line: x1 = {-b / w1:g} (vertical: only x1 matters)"
    if zh:
        return "没有决策线：两个权重都是 0，输出与输入无关"
    return "No decision line: both weights are 0, so the output never depends on the inputs"


def margin_text(t: dict, lang: str = "en") -> str:
    zh = lang == "zh"
    if t["on_line"]:
        points = ("、" if zh else ", ").join(f"({a}, {b})" for a, b in t["on_line"])
        if zh:
            return (f"输入 {points} 的 u = 0：正好压在门槛上。"
                    f"如果改{ACTIVATIONS_ZH[t['other']]}，这个神经元{computes_zh(t['other_gates'])}；"
                    "请调整 b，让线从输入点之间穿过，而不是穿过输入点")
        other = gates_text(t["other_gates"], lang, none="no gate")
        return (f"Inputs {points} give u = 0: exactly on the threshold. "
                f"With the other step convention ({ACTIVATIONS[t['other']]}) the neuron computes {other}; "
                "move b so the line passes between the inputs, not through them")
    return (f"安全余量：离门槛最近的输入 |u| = {t['margin']:g}" if zh
            else f"Safety margin: the nearest input has |u| = {t['margin']:g}")
