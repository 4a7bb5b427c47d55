"""The backprop lab's panels (imported only by tutor.labs.panels_for()): the 2-2-2 network
as text art with the current step's nodes and edges highlighted, the chain
rule with the numbers put in, and the total error against the iteration."""
from __future__ import annotations

import math
import re

from rich.text import Text
from textual.widgets import Static

from tutor.labs.backprop.payload import (
    DoneValues,
    IterationValues,
    StepValues,
    Weights,
    iteration_of,
    step_values,
)
from tutor.locale import t
from tutor.widgets.plot import Plot

HIGHLIGHT = "bold black on yellow"

# i1→h1 is w1, i2→h1 w2, i1→h2 w3, i2→h2 w4 (row k of W¹ feeds h_k); likewise w5..w8.
DIAGRAM = [
    "{i1} ─{w1}─▶ {h1} ─{w5}─▶ {o1}  {t1}",
    "        {w3}╲   ╱         {w7}╲   ╱",
    "            ╳               ╳",
    "        {w2}╱   ╲         {w6}╱   ╲",
    "{i2} ─{w4}─▶ {h2} ─{w8}─▶ {o2}  {t2}",
]
EDGES = {"w1": "i1→h1", "w2": "i2→h1", "w3": "i1→h2", "w4": "i2→h2",
         "w5": "h1→o1", "w6": "h2→o1", "w7": "h1→o2", "w8": "h2→o2"}


def lit(event) -> set[str]:
    """The nodes and edges a step is about."""
    v = step_values(event)
    layer = v.layer if isinstance(v, StepValues) else None
    first = {"w1", "w2", "w3", "w4"}
    second = {"w5", "w6", "w7", "w8"}
    if event.kind == "forward":
        return {0: first | {"i1", "i2", "h1", "h2"}, 1: {"h1", "h2"}, 2: second | {"h1", "h2", "o1", "o2"},
                3: {"o1", "o2"}}.get(layer, set())
    if event.kind == "loss":
        return {"o1", "o2", "t1", "t2"}
    if event.kind == "backward":
        return {3: {"o1", "o2", "t1", "t2"}, 2: second | {"h1", "h2"}, 1: {"h1", "h2"}, 0: first}.get(layer, set())
    if event.kind == "update":
        return first if layer == 0 else second
    return set()


def known_values(event, history) -> dict[str, float]:
    """Every named number of the current iteration up to this event (and the weights in use),
    by its name in the example: the steps' quantities, an update's weights as `new_w5`."""
    from engine.backprop_example import B1, B2, INPUTS, TARGETS, W1, W2

    known = {"i1": INPUTS[0], "i2": INPUTS[1], "t1": TARGETS[0], "t2": TARGETS[1], "b1": B1, "b2": B2,
             "w1": W1[0][0], "w2": W1[0][1], "w3": W1[1][0], "w4": W1[1][1],
             "w5": W2[0][0], "w6": W2[0][1], "w7": W2[1][0], "w8": W2[1][1]}
    it = iteration_of(step_values(event))
    for e in history:
        v = step_values(e)
        if isinstance(v, Weights):                  # after an iteration, the weights it ends with
            known.update(v.named())
        elif not isinstance(v, StepValues):
            continue
        elif v.iteration != it:                     # an earlier iteration: only the weights it updated
            known.update(v.new_weights())
        elif e.kind == "update":
            known.update({f"new_{key}": value for key, value in v.new_weights().items()})
        else:
            known.update(v.quantities)
    return known


def n(x: float, digits: int = 6) -> str:
    return f"{x:.{digits}f}" if isinstance(x, (int, float)) and math.isfinite(x) else "?"


def p(x: float, digits: int = 6) -> str:
    """n(x) after an operator: a negative number in parentheses, 0.5×(-0.0226)."""
    s = n(x, digits)
    return f"({s})" if s.startswith("-") else s


def diagram(event, history) -> Text:
    k = known_values(event, history)
    on = lit(event)
    detailed = event.kind not in ("info", "iteration", "done")
    nodes = {"i1": k.get("i1"), "i2": k.get("i2"), "h1": k.get("out_h1"), "h2": k.get("out_h2"),
             "o1": k.get("out_o1"), "o2": k.get("out_o2"), "t1": k.get("t1"), "t2": k.get("t2")}
    if not detailed:   # after iteration 1 the picture shows the weights only
        nodes.update(h1=None, h2=None, o1=None, o2=None)
    text = Text()
    for line in DIAGRAM:
        for i, part in enumerate(re.split(r"\{(\w+)\}", line)):
            if i % 2 == 0:
                text.append(part)
                continue
            style = HIGHLIGHT if part in on else ("bold" if part[0] in "iho" else "cyan")
            if part in nodes:
                value = nodes[part]
                shown = f"{value:g}" if part[0] == "t" else n(value, 4) if value is not None else "  ·   "
                text.append(f"{part} {shown}", style=style)
            else:
                text.append(part, style=style)
        text.append("\n")
    text.append("\n")
    for left, right in (("w1", "w5"), ("w2", "w6"), ("w3", "w7"), ("w4", "w8")):
        for key in (left, right):
            value = k.get(f"new_{key}", k.get(key))
            text.append(f"{key} {EDGES[key]} {n(value)}", style=HIGHLIGHT if key in on else "")
            text.append("   ")
        text.append("\n")
    text.append(t("biases b1 = 0.35, b2 = 0.60 stay fixed"), style="italic")
    return text


def chain_rule(event, history) -> list[str]:
    """The step's arithmetic, one line per number, with the chain rule spelled out."""
    v = step_values(event)
    if isinstance(v, (IterationValues, DoneValues)):
        return [total_error(v)]
    if not isinstance(v, StepValues):
        return []
    k = known_values(event, history)
    if event.kind == "forward":
        return weighted_sums(v.layer, k) if v.layer in (0, 2) else activations(v.layer, k) if v.layer in (1, 3) else []
    if event.kind == "loss":
        return errors(k)
    if event.kind == "backward":
        parts = {3: deltas, 1: deltas, 2: output_layer_gradients, 0: hidden_layer_gradients}
        return parts[v.layer](v.layer, k) if v.layer in parts else []
    if event.kind == "update":
        return updates(v.layer, v.lr, k)
    return []


def weighted_sums(layer: int, k: dict) -> list[str]:
    """Forward through Dense 1 or 2: net = w·x + w·x + b."""
    src, dst, b = (("i", "h", "b1") if layer == 0 else ("out_h", "o", "b2"))
    ws = (("w1", "w2"), ("w3", "w4")) if layer == 0 else (("w5", "w6"), ("w7", "w8"))
    lines = []
    for j, (wa, wb) in enumerate(ws, 1):
        xa, xb = k[f"{src}1"], k[f"{src}2"]
        lines.append(f"net_{dst}{j} = {wa}·{src}1 + {wb}·{src}2 + {b} = {n(k[wa], 2)}×{n(xa, 4)} + "
                     f"{n(k[wb], 2)}×{n(xb, 4)} + {n(k[b], 2)} = {n(k[f'net_{dst}{j}'])}")
    return lines


def activations(layer: int, k: dict) -> list[str]:
    """Forward through Sigmoid 1 or 2: out = σ(net)."""
    h = "h" if layer == 1 else "o"
    return [f"out_{h}{j} = σ(net_{h}{j}) = 1/(1 + e^−{n(k[f'net_{h}{j}'], 4)}) = {n(k[f'out_{h}{j}'])}" for j in (1, 2)]


def errors(k: dict) -> list[str]:
    """The loss: each output's error and their sum."""
    lines = [f"E_o{j} = ½(t{j} − out_o{j})² = ½({k[f't{j}']:g} − {n(k[f'out_o{j}'])})² = {n(k[f'E_o{j}'])}"
             for j in (1, 2)]
    return lines + [f"E_total = E_o1 + E_o2 = {n(k['E_total'], 9)}"]


def deltas(layer: int, k: dict) -> list[str]:
    """Backward through Sigmoid 2 (with ∂E/∂out_o from the loss) or Sigmoid 1: ∂E/∂net = ∂E/∂out · σ′."""
    h = "o" if layer == 3 else "h"
    lines = []
    for j in (1, 2):
        if layer == 3:
            lines.append(f"∂E/∂out_o{j} = out_o{j} − t{j} = {n(k[f'out_o{j}'])} − {k[f't{j}']:g} = "
                         f"{n(k[f'∂E/∂out_o{j}'])}")
        lines.append(f"∂out_{h}{j}/∂net_{h}{j} = out_{h}{j}(1 − out_{h}{j}) = {n(k[f'∂out_{h}{j}/∂net_{h}{j}'])}")
        lines.append(f"∂E/∂net_{h}{j} = ∂E/∂out_{h}{j} · ∂out_{h}{j}/∂net_{h}{j} = {n(k[f'∂E/∂out_{h}{j}'])} × "
                     f"{n(k[f'∂out_{h}{j}/∂net_{h}{j}'])} = {n(k[f'∂E/∂net_{h}{j}'])}")
    return lines


def output_layer_gradients(layer: int, k: dict) -> list[str]:
    """Backward through Dense 2: ∂E/∂w5..w8, and ∂E/∂out_h passed back to the hidden layer."""
    lines = [f"∂E/∂{w} = ∂E/∂net_o{o} · out_h{h} = {n(k[f'∂E/∂net_o{o}'])} × {n(k[f'out_h{h}'])} = {n(k[f'∂E/∂{w}'])}"
             for w, o, h in (("w5", 1, 1), ("w6", 1, 2), ("w7", 2, 1), ("w8", 2, 2))]
    for h, (wa, wb) in ((1, ("w5", "w7")), (2, ("w6", "w8"))):
        lines.append(f"∂E/∂out_h{h} = ∂E/∂net_o1·{wa} + ∂E/∂net_o2·{wb} = {n(k['∂E/∂net_o1'])}×{n(k[wa], 2)} + "
                     f"{p(k['∂E/∂net_o2'])}×{n(k[wb], 2)} = {n(k[f'∂E/∂out_h{h}'])}")
    return lines


def hidden_layer_gradients(layer: int, k: dict) -> list[str]:
    """Backward through Dense 1: ∂E/∂w1..w4."""
    return [f"∂E/∂{w} = ∂E/∂net_h{h} · i{i} = {n(k[f'∂E/∂net_h{h}'])} × {k[f'i{i}']:g} = {n(k[f'∂E/∂{w}'], 9)}"
            for w, h, i in (("w1", 1, 1), ("w2", 1, 2), ("w3", 2, 1), ("w4", 2, 2))]


def updates(layer: int, eta: float, k: dict) -> list[str]:
    """The update of W¹ or W²: w ← w − η·∂E/∂w."""
    return [f"{w} ← {w} − η·∂E/∂{w} = {n(k[w])} − {eta:g}×{p(k[f'∂E/∂{w}'], 9)} = {n(k[f'new_{w}'], 9)}"
            for w in (("w1", "w2", "w3", "w4") if layer == 0 else ("w5", "w6", "w7", "w8"))]


def total_error(v: IterationValues | DoneValues) -> str:
    """After an iteration summary or at the end: E_total after so many iterations."""
    done = v.iteration if isinstance(v, IterationValues) else v.iterations
    after = t("(after 1 iteration)") if done == 1 else t("(after {iterations} iterations)", iterations=done)
    return f"E_total = {n(v.E_total, 9)}   " + after


class DiagramPanel(Static):
    DEFAULT_CSS = "DiagramPanel { height: auto; margin: 0 0 1 0; }"

    def show(self, event, history) -> None:
        self.update(diagram(event, history))

    def reset(self) -> None:
        self.update("")


class ChainRulePanel(Static):
    DEFAULT_CSS = "ChainRulePanel { height: auto; margin: 0 0 1 0; }"

    def show(self, event, history) -> None:
        lines = chain_rule(event, history)
        self.update(Text("\n".join(lines)) if lines else Text(t("the chain rule appears at each step"), style="italic"))

    def reset(self) -> None:
        self.update("")


class ErrorPlot(Plot):
    """E_total against the iteration (from the loss and iteration events seen)."""

    one_point = False

    def show(self, event, history) -> None:
        xs, ys = [], []
        for e in history:
            v = step_values(e)
            if isinstance(v, IterationValues):
                xs.append(v.iteration)
                ys.append(v.E_total)
            elif isinstance(v, StepValues) and e.kind == "loss" and "E_total" in v.quantities:
                xs.append(v.iteration)
                ys.append(v.quantities["E_total"])
        # One point: the axes plotext would invent (0.50…1.50) mean nothing; show iteration 1 above 0.
        self.one_point = len(xs) == 1
        self.set_limits(ylim=(0, 1.2 * ys[0]) if self.one_point and ys[0] > 0 else None)
        self.set_series("E_total", xs, ys, kind="line" if len(xs) > 1 else "scatter", color="red")

    def flush(self) -> None:
        drawing = self.dirty
        super().flush()
        if drawing and self.one_point:
            self.plt.xticks([1], ["1"])     # an iteration count has no 0.5 or 1.5

    def reset(self) -> None:
        self.clear()


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    hint = "" if lab.values["iterations"] > 1 else t("   (press e, set iterations=1000)")
    return [DiagramPanel(id="backprop-diagram"), ChainRulePanel(id="backprop-chain"),
            ErrorPlot(t("total error E_total") + hint, xlabel=t("iteration"), id="backprop-error")]
