"""Lab `lstm`: one gated cell over a short sequence, gate by gate.

cell=lstm      f_t, i_t, C̃_t, C_t, o_t, h_t
cell=peephole  the gates also look at the cell state (p_f, p_i, p_o)
cell=coupled   no input gate: i_t = 1 − f_t
cell=gru       z_t, r_t, h̃_t, h_t
The numbers come from engine/recurrent_steps.py; at the end the parameter
counts of every cell for the same sizes, side by side, with their formula.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, TextIO

from engine.events import Event
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.text import formula_text, pad
from tutor.labs.kit.training import GateValues, numbered
from tutor.labs.rnn import SEQUENCES, ForwardDoneValues, make_sequence, vec
from tutor.locale import N_, t, translated

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

# A cell's name in text (the values of `cell` stay as typed), in a title, and at the
# start of the plain output's first line (which also says what to type).
NAMES = {"rnn": N_("rnn"), "lstm": N_("lstm"), "peephole": N_("peephole"), "coupled": N_("coupled"), "gru": N_("gru")}
TITLES = {"lstm": N_("LSTM"), "peephole": N_("PEEPHOLE"), "coupled": N_("COUPLED"), "gru": N_("GRU")}
HEADINGS = {"lstm": N_("Cell: lstm"), "peephole": N_("Cell: peephole"), "coupled": N_("Cell: coupled"),
            "gru": N_("Cell: gru")}


def cell_name(cell: str, width: int = 0) -> str:
    """A cell's name in the table of parameter counts, padded to `width` terminal cells."""
    return pad(translated(NAMES[cell]), width)


def name_width() -> int:
    """The table's name column: the longest name and a space, in terminal cells."""
    from rich.cells import cell_len

    return max(cell_len(translated(name)) for name in NAMES.values()) + 1


def pretty(formula: str) -> str:
    """A formula written as the lesson and the steps' formulas write it (tutor.mathtext):
    h_{t-1} -> hₜ₋₁, W_i -> Wᵢ, C̃_t -> C̃ₜ."""
    return formula_text(formula)


def gate_name(gate: str) -> str:
    """The name of a gate's output as the lesson writes it: fₜ, C̃ₜ, h̃ₜ."""
    return pretty({"C~": "C̃_t", "h~": "h̃_t"}.get(gate, f"{gate}_t"))


_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


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


@dataclass(frozen=True)
class CellValues(Payload):
    """The first event (arrays: the sequence "xs")."""
    cell: str                  # lstm, peephole, coupled or gru


@dataclass(frozen=True)
class CountsValues(Payload):
    """The end: every cell's parameter count for x inputs and h hidden units."""
    counts: dict[str, int]     # rnn, lstm, peephole, coupled, gru
    cell: str                  # this run's
    x: int
    h: int


class LstmLab(Lab):
    name = "lstm"
    title = N_("An LSTM cell (and its variants), gate by gate")
    summary = N_("f_t, i_t, C̃_t, C_t, o_t, h_t with their numbers; peephole, coupled and GRU cells; parameter counts.")
    params = (
        Param("cell", "lstm", N_("which cell"), str, choices=CELLS),
        Param("T", 3, N_("sequence length"), int, low=1, high=20),
        Param("hidden", 1, N_("hidden units (1 writes every product out)"), int, low=1, high=6),
        Param("input", "sine", N_("the sequence x_t"), str, choices=SEQUENCES),
        Param("seed", 0, N_("seed of the weights"), int, low=0, high=10**6),
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
        sizes = {"cell": translated(TITLES[v["cell"]]), "hidden": layer.hidden_size, "T": len(xs)}
        if layer.hidden_size == 1:
            start = (t("{cell} cell: 1 input, 1 hidden unit, T = {T}, h₀ = 0", **sizes) if v["cell"] == "gru"
                     else t("{cell} cell: 1 input, 1 hidden unit, T = {T}, h₀ = 0, C₀ = 0", **sizes))
        else:
            start = (t("{cell} cell: 1 input, {hidden} hidden units, T = {T}, h₀ = 0", **sizes) if v["cell"] == "gru"
                     else t("{cell} cell: 1 input, {hidden} hidden units, T = {T}, h₀ = 0, C₀ = 0", **sizes))
        yield Event("info", start, "", arrays={"xs": xs[:, 0]}, values=CellValues(v["cell"]).values())
        for e in sequence_events(layer, xs):
            if e.kind == "done":
                last = str(len(xs)).translate(_SUBSCRIPT)          # h₃, as the lesson writes it
                yield Event("info", t("The sequence is done: h{T} = {h}", T=last, h=vec(e.arrays["h_T"])),
                            e.formula, arrays=e.arrays, values=ForwardDoneValues(len(xs)).values())
            else:
                yield e
        x, h = layer.input_size, layer.hidden_size
        counts = param_counts(x, h)
        ours = {"lstm": "lstm", "peephole": "peephole", "coupled": "coupled", "gru": "gru"}[v["cell"]]
        mine = dict((c, n) for c, _, n in counts)[ours]
        assert mine == layer.param_count(), "the formula and the layer disagree"
        said = (t("Parameter counts for x = 1 input, h = 1 hidden unit: rnn {rnn}, lstm {lstm}, "
                  "peephole {peephole}, coupled {coupled}, gru {gru}", **{c: n for c, _, n in counts})
                if h == 1 else
                t("Parameter counts for x = 1 input, h = {h} hidden units: rnn {rnn}, lstm {lstm}, "
                  "peephole {peephole}, coupled {coupled}, gru {gru}", h=h, **{c: n for c, _, n in counts}))
        yield Event("done", said,
                    t(r"\text{{one gate: }}") + rf"h(h + x) + h = {h}({h} + {x}) + {h} = {h * (h + x) + h}",
                    values=CountsValues({c: n for c, _, n in counts}, v["cell"], x, h).values())

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("{cell}, T = {T}, hidden = {hidden}, input = {input}, seed = {seed}",
                cell=translated(HEADINGS[v["cell"]]), T=v["T"], hidden=v["hidden"], input=v["input"], seed=v["seed"]),
              file=out)
        for _, text in FORMULAS[v["cell"]]:
            print("  " + pretty(text), file=out)
        for e in self.run():
            a, gate, counts = e.arrays, GateValues.of(e), CountsValues.of(e)
            if e.kind == "info" and "xs" in a:
                print(f"x = {vec(a['xs'])}", file=out)
            elif e.kind in ("gate", "forward"):
                key = GATE_ARRAY.get(gate.gate)
                if key in a:
                    print(f"t = {gate.t}: {gate_name(gate.gate)} = {vec(a[key], 4)}", file=out)
                    print("    " + formula_text(e.formula), file=out)
            elif counts is not None:
                print(t("Parameter counts (x = {x}, h = {h}):", x=counts.x, h=counts.h), file=out)
                width = name_width()
                for cell, formula, n in param_counts(counts.x, counts.h):
                    mark = t("  <- this cell") if cell == v["cell"] else ""
                    print(f"  {cell_name(cell, width)} {formula} = {n}{mark}", file=out)
