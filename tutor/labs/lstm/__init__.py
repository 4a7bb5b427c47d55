"""Lab `lstm`: one gated cell over a short sequence, gate by gate.

cell=lstm      f_t, i_t, C̃_t, C_t, o_t, h_t
cell=peephole  the gates also look at the cell state (p_f, p_i, p_o)
cell=coupled   no input gate: i_t = 1 − f_t
cell=gru       z_t, r_t, h̃_t, h_t
The numbers come from engine/recurrent_steps.py; at the end the parameter
counts of every cell for the same sizes, side by side, with their formula.
"""
from __future__ import annotations

from typing import Iterator, TextIO

from engine.events import Event
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.text import formula_text, pad
from tutor.labs.kit.training import numbered
from tutor.labs.rnn import SEQUENCES, make_sequence, vec

CELLS = ("lstm", "peephole", "coupled", "gru")

FORMULAS = {
    "lstm": [("f", "f_t = σ(W_f [h_{t-1}, x_t] + b_f)"),
             ("i", "i_t = σ(W_i [h_{t-1}, x_t] + b_i)"),
             ("C~", "C̃_t = tanh(W_C [h_{t-1}, x_t] + b_C)"),
             ("C", "C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t"),
             ("o", "o_t = σ(W_o [h_{t-1}, x_t] + b_o)"),
             ("h", "h_t = o_t ⊙ tanh(C_t)")],
    "peephole": [("f", "f_t = σ(W_f [h_{t-1}, x_t] + b_f + p_f ⊙ C_{t-1})"),
                 ("i", "i_t = σ(W_i [h_{t-1}, x_t] + b_i + p_i ⊙ C_{t-1})"),
                 ("C~", "C̃_t = tanh(W_C [h_{t-1}, x_t] + b_C)"),
                 ("C", "C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t"),
                 ("o", "o_t = σ(W_o [h_{t-1}, x_t] + b_o + p_o ⊙ C_t)"),
                 ("h", "h_t = o_t ⊙ tanh(C_t)")],
    "coupled": [("f", "f_t = σ(W_f [h_{t-1}, x_t] + b_f)"),
                ("i", "i_t = 1 − f_t"),
                ("C~", "C̃_t = tanh(W_C [h_{t-1}, x_t] + b_C)"),
                ("C", "C_t = f_t ⊙ C_{t-1} + (1 − f_t) ⊙ C̃_t"),
                ("o", "o_t = σ(W_o [h_{t-1}, x_t] + b_o)"),
                ("h", "h_t = o_t ⊙ tanh(C_t)")],
    "gru": [("z", "z_t = σ(W_z [h_{t-1}, x_t] + b_z)"),
            ("r", "r_t = σ(W_r [h_{t-1}, x_t] + b_r)"),
            ("h~", "h̃_t = tanh(W_h [r_t ⊙ h_{t-1}, x_t] + b_h)"),
            ("h", "h_t = (1 − z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t")],
}

# the cells' names in Chinese text (the values of `cell` stay as typed)
CELL_ZH = {"lstm": "LSTM", "peephole": "窥视孔 LSTM", "coupled": "耦合 LSTM", "gru": "GRU", "rnn": "RNN"}


def cell_name(cell: str, lang: str = "en", width: int = 0) -> str:
    """A cell's name in the table of parameter counts, padded to `width` terminal cells."""
    return pad(CELL_ZH[cell] if lang == "zh" else cell, width)


def pretty(formula: str) -> str:
    """Subscripts t and t−1 as Unicode: h_{t-1} -> hₜ₋₁."""
    return formula.replace("_{t-1}", "ₜ₋₁").replace("_t", "ₜ")


# the array each gate event carries its output in
GATE_ARRAY = {"f": "f_t", "i": "i_t", "C~": "C~_t", "C": "C_t", "o": "o_t", "h": "h_t",
              "z": "z_t", "r": "r_t", "h~": "h~_t"}


def param_counts(x: int, h: int) -> list[tuple[str, str, int]]:
    """(cell, formula with the numbers, count) for every recurrent cell of these sizes."""
    from engine.recurrent import param_count_formula

    one = f"{h}·({h} + {x}) + {h}"
    return [
        ("rnn", f"h(h + x) + h = {one}", param_count_formula("rnn", x, h)),
        ("lstm", f"4·(h(h + x) + h) = 4·({one})", param_count_formula("lstm", x, h)),
        ("peephole", f"4·(h(h + x) + h) + 3h = 4·({one}) + 3·{h}", param_count_formula("lstm", x, h, "peephole")),
        ("coupled", f"3·(h(h + x) + h) = 3·({one})", param_count_formula("lstm", x, h, "coupled")),
        ("gru", f"3·(h(h + x) + h) = 3·({one})", param_count_formula("gru", x, h)),
    ]


class LstmLab(Lab):
    name = "lstm"
    title = "An LSTM cell (and its variants), gate by gate"
    title_zh = "LSTM 单元及其变体：逐个门"
    summary = "f_t, i_t, C̃_t, C_t, o_t, h_t with their numbers; peephole, coupled and GRU cells; parameter counts."
    params = (
        Param("cell", "lstm", "which cell", str, choices=CELLS),
        Param("T", 3, "sequence length", int, low=1, high=20),
        Param("hidden", 1, "hidden units (1 writes every product out)", int, low=1, high=6),
        Param("input", "sine", "the sequence x_t", str, choices=SEQUENCES),
        Param("seed", 0, "seed of the weights", int, low=0, high=10**6),
    )

    def layer(self):
        from engine.recurrent import GRU, LSTM

        v = self.values
        if v["cell"] == "gru":
            return GRU(1, v["hidden"], seed=v["seed"])
        variant = {"lstm": "standard"}.get(v["cell"], v["cell"])
        return LSTM(1, v["hidden"], variant=variant, seed=v["seed"])

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def _events(self) -> Iterator[Event]:
        from engine.recurrent_steps import sequence_events

        v = self.values
        layer = self.layer()
        xs = make_sequence(v["input"], v["T"], v["seed"])
        c0 = "" if v["cell"] == "gru" else self.tr(", C_0 = 0", "，C_0 = 0")
        yield Event("info", self.tr(f"{v['cell'].upper()} cell: 1 input, {layer.hidden_size} hidden unit(s), "
                                    f"T = {len(xs)}, h_0 = 0",
                                    f"{CELL_ZH[v['cell']]} 单元：1 个输入，{layer.hidden_size} 个隐藏单元，"
                                    f"T = {len(xs)}，h_0 = 0") + c0,
                    "", arrays={"xs": xs[:, 0]}, values={"cell": v["cell"]})
        for e in sequence_events(layer, xs):
            if e.kind == "done":
                yield Event("info", self.tr(f"The sequence is done: h_{len(xs)} = {vec(e.arrays['h_T'])}",
                                            f"整个序列处理完毕：h_{len(xs)} = {vec(e.arrays['h_T'])}"), e.formula,
                            arrays=e.arrays, values={"T": len(xs)})
            else:
                yield e
        x, h = layer.input_size, layer.hidden_size
        counts = param_counts(x, h)
        ours = {"lstm": "lstm", "peephole": "peephole", "coupled": "coupled", "gru": "gru"}[v["cell"]]
        mine = dict((c, n) for c, _, n in counts)[ours]
        assert mine == layer.param_count(), "the formula and the layer disagree"
        yield Event("done", self.tr(f"Parameter counts for x = {x} input(s), h = {h} hidden unit(s): "
                                    + ", ".join(f"{c} {n}" for c, _, n in counts),
                                    f"参数个数（x = {x} 个输入，h = {h} 个隐藏单元）："
                                    + "，".join(f"{CELL_ZH[c].replace(' LSTM', '')} {n}" for c, _, n in counts)),
                    self.tr(r"\text{one gate: }", r"\text{一道门：}")
                    + rf"h(h + x) + h = {h}({h} + {x}) + {h} = {h * (h + x) + h}",
                    values={"counts": {c: n for c, _, n in counts}, "cell": v["cell"], "x": x, "h": h})

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(self.tr(f"Cell: {v['cell']}, T = {v['T']}, hidden = {v['hidden']}, input = {v['input']}, seed = {v['seed']}",
                      f"单元：{CELL_ZH[v['cell']]}（cell = {v['cell']}），T = {v['T']}，隐藏单元 hidden = {v['hidden']}，"
                      f"输入序列 input = {v['input']}，随机种子 seed = {v['seed']}"),
              file=out)
        for _, text in FORMULAS[v["cell"]]:
            print("  " + pretty(text), file=out)
        for e in self.run():
            a, val = e.arrays, e.values
            if e.kind == "info" and "xs" in a:
                print(f"x = {vec(a['xs'])}", file=out)
            elif e.kind in ("gate", "forward"):
                key = GATE_ARRAY.get(val["gate"])
                name = {"C~": "C~_t", "h~": "h~_t"}.get(val["gate"], f"{val['gate']}_t")
                if key in a:
                    print(f"t = {val['t']}: {name} = {vec(a[key], 4)}", file=out)
                    print("    " + formula_text(e.formula), file=out)
            elif e.kind == "done":
                print(self.tr(f"Parameter counts (x = {val['x']}, h = {val['h']}):",
                              f"参数个数（x = {val['x']}，h = {val['h']}）："), file=out)
                for cell, formula, n in param_counts(val["x"], val["h"]):
                    mark = self.tr("  <- this cell", "  <- 当前单元") if cell == v["cell"] else ""
                    name = f"{cell:<9}" if self.lang != "zh" else cell_name(cell, "zh", 12)
                    print(f"  {name} {formula} = {n}{mark}", file=out)
