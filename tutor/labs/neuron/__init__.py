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

import functools
from typing import Iterator, TextIO

import numpy as np

from engine.activations import sigmoid
from engine.data import logic_gate
from engine.events import Event, fmt, fmt_factor
from engine.layers import Dense
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.neuron.payload import (
    GatesValues,
    InputValues,
    LineValues,
    MarginValues,
    NeuronTable,
    NeuronValues,
    ThresholdValues,
)
from tutor.locale import N_, t, translated

GATES = ("and", "or", "nand", "nor", "xor")
ON_LINE = 1e-9          # |u| below this is "exactly on the threshold"
ACTIVATIONS = {
    "step": N_("step: y = 1 if u > 0 else 0"),
    "step0": N_("step: y = 1 if u ≥ 0 else 0"),
    "sigmoid": N_("sigmoid: y = σ(u), read as 1 when y ≥ 0.5"),
}


def gates_text(gates: list[str]) -> str:
    """"AND and OR" in the student's language."""
    return functools.reduce(lambda earlier, gate: t("{gates} and {gate}", gates=earlier, gate=gate), gates)


def computes(gates: list[str], nothing: str = N_("computes none of AND, OR, NAND, NOR, XOR")) -> str:
    """"computes AND and OR", or `nothing` (N_-marked) when no gate matches."""
    return t("computes {gates}", gates=gates_text(gates)) if gates else translated(nothing)


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
    title = N_("One neuron: weights, bias and the decision line")
    summary = "Two inputs, weights, a bias and an activation: the AND/OR truth tables, the threshold −b, the line."
    params = (
        Param("w1", 1.0, N_("weight of input x1"), low=-100, high=100),
        Param("w2", 1.0, N_("weight of input x2"), low=-100, high=100),
        Param("b", -1.5, N_("bias (the neuron fires when w1 x1 + w2 x2 > −b)"), low=-100, high=100),
        Param("activation", "step", N_("step (fires when u > 0), step0 (when u ≥ 0) or sigmoid"), kind=str,
              choices=tuple(ACTIVATIONS)),
    )

    def weights(self) -> tuple[float, float, float]:
        v = self.values
        return float(v["w1"]), float(v["w2"]), float(v["b"])

    def table(self) -> NeuronTable:
        """Everything the run, the panel and --plain show, for the current weights."""
        w1, w2, b = self.weights()
        X, u = weighted_sums(w1, w2, b)
        y, answers = fire(u, self.values["activation"])
        other = "step0" if self.values["activation"] == "step" else "step"
        on_line = [tuple(int(xi) for xi in x) for x, ui in zip(X, u) if ui == 0.0]
        return NeuronTable(X, u, y, answers, gates_matched(answers), on_line, float(np.min(np.abs(u))), other,
                           gates_matched(fire(u, other)[1]))

    # --- the run -------------------------------------------------------------------
    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        w1, w2, b = self.weights()
        table = self.table()
        act = self.values["activation"]
        weights = (w1, w2, b)
        n = 0
        yield Event("info", t("One neuron: {activation}", activation=translated(ACTIVATIONS[act])),
                    rf"u = w_1 x_1 + w_2 x_2 + b = {fmt(w1, 2)} x_1 + {fmt_factor(w2, 2)} x_2 + {fmt_factor(b, 2)}",
                    values=NeuronValues(*weights).values(), step=n)
        n += 1
        for x, u, y, answer in zip(table.X, table.u, table.y, table.answers):
            x1, x2 = int(x[0]), int(x[1])
            out = f"y = σ({fmt(u, 2)}) = {fmt(y, 4)}" if act == "sigmoid" else f"y = {answer}"
            note = t("  (exactly on the threshold)") if u == 0.0 else ""
            yield Event("forward", t("Input ({x1}, {x2}): u = {u}, {output}{note}", x1=x1, x2=x2, u=fmt(u, 2),
                                     output=out, note=note),
                        rf"u = {fmt(w1, 2)} \cdot {x1} + {fmt_factor(w2, 2)} \cdot {x2} + {fmt_factor(b, 2)} = {fmt(u, 2)}",
                        values=InputValues(*weights, x1, x2, float(u), float(y), int(answer)).values(), step=n)
            n += 1
        outputs = ", ".join(map(str, table.answers))
        yield Event("info", t("Outputs {outputs}: this neuron {computes}", outputs=outputs, computes=computes(table.gates)),
                    r"\text{AND} = 0, 0, 0, 1 \qquad \text{OR} = 0, 1, 1, 1",
                    values=GatesValues(*weights, tuple(table.gates)).values(), step=n)
        n += 1
        rel, tex = ("≥", r"\ge") if fires_at_zero(self.values["activation"]) else (">", ">")
        yield Event("info", t("The bias is a threshold: the neuron fires when w·x {rel} −b = {threshold}",
                              rel=rel, threshold=fmt(-b, 2)),
                    rf"w_1 x_1 + w_2 x_2 + b {tex} 0 \iff w_1 x_1 + w_2 x_2 {tex} -b = {fmt(-b, 2)}",
                    values=ThresholdValues(*weights).values(), step=n)
        n += 1
        yield Event("info", decision_line_text(w1, w2, b),
                    rf"{fmt(w1, 2)} x_1 + {fmt_factor(w2, 2)} x_2 + {fmt_factor(b, 2)} = 0",
                    values=LineValues(*weights).values(), step=n)
        n += 1
        yield Event("done", margin_text(table), "", values=MarginValues(*weights, table.margin).values(), step=n)

    def plain(self, out: TextIO) -> None:
        from rich.cells import cell_len

        w1, w2, b = self.weights()
        table = self.table()
        act = self.values["activation"]
        print(t("Neuron: u = w1 x1 + w2 x2 + b with w = ({w1:g}, {w2:g}), b = {b:g}; activation {activation}",
                w1=w1, w2=w2, b=b, activation=translated(ACTIVATIONS[act])), file=out)
        and_y, or_y = logic_gate("and")[1], logic_gate("or")[1]
        # the output column is as wide as its title in terminal cells (a Chinese character takes two)
        title = t("out")
        width = cell_len(title)
        print(f"x1 x2 |        u |        y | {title} | AND OR", file=out)
        for x, u, y, answer, a, o in zip(table.X, table.u, table.y, table.answers, and_y, or_y):
            print(f"{int(x[0]):>2} {int(x[1]):>2} | {u:>8.4f} | {y:>8.4f} | {answer:>{width}} | {a:>3} {o:>2}",
                  file=out)
        outputs = ", ".join(map(str, table.answers))
        print(t("Outputs {outputs}: {computes}", outputs=outputs, computes=computes(table.gates)), file=out)
        rel = ">=" if fires_at_zero(self.values["activation"]) else ">"
        print(t("Threshold: fires when w1 x1 + w2 x2 {rel} -b = {threshold:g}", rel=rel, threshold=-b + 0.0), file=out)
        print(decision_line_text(w1, w2, b), file=out)
        print(margin_text(table), file=out)


def decision_line_text(w1: float, w2: float, b: float) -> str:
    if w2 != 0:
        slope, cut = -w1 / w2, -b / w2
        line = f"x2 = {cut:g} {'-' if slope < 0 else '+'} {abs(slope):g}·x1"
        return t("Decision line: {line} (one side fires, the other not)", line=line)
    if w1 != 0:
        return t("Decision line: x1 = {x1:g} (vertical: only x1 matters)", x1=-b / w1)
    return t("No decision line: both weights are 0, so the output never depends on the inputs")


def margin_text(table: NeuronTable) -> str:
    if table.on_line:
        points = functools.reduce(lambda earlier, point: t("{inputs}, {input}", inputs=earlier, input=point),
                                  [f"({a}, {b})" for a, b in table.on_line])
        return t("Inputs {points} give u = 0: exactly on the threshold. "
                 "With the other step convention ({convention}) the neuron {computes}; "
                 "move b so the line passes between the inputs, not through them",
                 points=points, convention=translated(ACTIVATIONS[table.other]),
                 computes=computes(table.other_gates, N_("computes no gate")))
    return t("Safety margin: the nearest input has |u| = {margin:g}", margin=table.margin)
