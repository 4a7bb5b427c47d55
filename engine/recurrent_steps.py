"""Step through one time step of a recurrent cell, gate by gate.

Event iterators for the rnn / lstm labs.  Each "gate" event carries the gate's
formula in LaTeX with the numbers put in, e.g. for a cell with one unit
    f_t = \\sigma(W_f [h_{t-1}, x_t] + b_f) = \\sigma(0.5 \\cdot 0 + 0.3 \\cdot 1 + 1) = \\sigma(1.3) = 0.786
(vectors and small matrices are written out as pmatrix; large ones keep their name).

    rnn_step_events(layer, x_t, h_prev, t)          h_t (and y_t with an output layer)
    lstm_step_events(layer, x_t, h_prev, c_prev, t)  f_t, i_t, C~_t, C_t, o_t, h_t
    gru_step_events(layer, x_t, h_prev, t)           z_t, r_t, h~_t, h_t
    sequence_events(layer, xs)                       every step of a sequence (T, features), then "done"

One sequence at a time (no batch axis).  The numbers are computed here, gate
by gate, from the layer's parameters; the tests check that they end where
the layer's forward() ends.
"""
from __future__ import annotations

import dataclasses
from typing import Iterator

import numpy as np

from engine.activations import sigmoid
from engine.conv_steps import tex_matrix, tex_num
from engine.events import N_, Event
from engine.recurrent import GRU, LSTM, RNN

MAX_MATRIX = 24     # write a weight matrix out in numbers up to this many entries


def _val(a: np.ndarray, digits: int) -> str:
    a = np.asarray(a, dtype=float)
    return tex_num(a.item(), digits) if a.size == 1 else tex_matrix(a, digits)


def _factor(a: np.ndarray, digits: int) -> str:
    s = _val(a, digits)
    return f"({s})" if s.startswith("-") else s


def _times(a, b, digits: int) -> str:
    """a ⊙ b with numbers (a plain · when both are single numbers)."""
    op = r"\cdot" if np.size(a) == 1 else r"\odot"
    return f"{_factor(a, digits)} {op} {_factor(b, digits)}"


def _affine(pairs, b, names, digits: int) -> str:
    """W_1 v_1 + W_2 v_2 + ... + b with the numbers put in."""
    b = np.asarray(b, dtype=float)
    if b.size == 1:                             # one unit: write the dot products out
        terms = [f"{_factor(w, digits)} \\cdot {_factor(v, digits)}"
                 for W, vec in pairs for w, v in zip(np.ravel(W), np.ravel(vec))]
        return " + ".join(terms + [_factor(b, digits)])
    parts = []
    for (W, vec), name in zip(pairs, names):
        w_tex = tex_matrix(W, digits) if np.size(W) <= MAX_MATRIX else name
        parts.append(w_tex + " " + tex_matrix(vec, digits))
    return " + ".join(parts + [tex_matrix(b, digits)])


def _gate_event(caption, symbolic, act, pre, out, affine_tex, t, gate, arrays, digits, extra=""):
    name = r"\sigma" if act == "sigmoid" else r"\tanh"
    formula = (f"{symbolic} = {name}\\left({affine_tex}{extra}\\right) = "
               f"{name}\\left({_val(pre, digits)}\\right) = {_val(out, digits)}")
    return _event(caption, formula, t, gate, out, arrays)


def _event(caption, formula, t, gate, out, arrays, kind="gate"):
    """A gate's event; `caption` names the time step {t} and the gate: "t = {t}: forget gate f_t"."""
    values = {"t": t, "gate": gate}
    if np.size(out) == 1:
        values["value"] = float(np.asarray(out).item())
    return Event.said(kind, caption, {"t": t}, formula, arrays=arrays, values=values)


def _vectors(layer, x_t, *states):
    x_t = np.asarray(x_t, dtype=float).reshape(-1)
    if x_t.size != layer.input_size:
        raise ValueError(f"x_t must have {layer.input_size} numbers, got {x_t.size}")
    out = [x_t]
    for s in states:
        s = np.zeros(layer.hidden_size) if s is None else np.asarray(s, dtype=float).reshape(-1)
        if s.size != layer.hidden_size:
            raise ValueError(f"a state must have {layer.hidden_size} numbers, got {s.size}")
        out.append(s)
    return out


# --- Elman RNN -----------------------------------------------------------
def rnn_step_events(layer: RNN, x_t, h_prev=None, t: int = 1, digits: int = 3) -> Iterator[Event]:
    x_t, h_prev = _vectors(layer, x_t, h_prev)
    p = layer.params
    pre = p["W_xh"] @ x_t + p["W_hh"] @ h_prev + p["b_h"]
    h = np.tanh(pre)
    affine = _affine([(p["W_xh"], x_t), (p["W_hh"], h_prev)], p["b_h"], ["W_{xh}", "W_{hh}"], digits)
    yield _gate_event(N_("t = {t}: hidden state hₜ"), r"h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)", "tanh",
                      pre, h, affine, t, "h", {"x_t": x_t, "h_prev": h_prev, "h_t": h}, digits)
    if layer.output_size is not None:
        y = p["W_hy"] @ h + p["b_y"]
        formula = (r"y_t = W_{hy} h_t + b_y = " + _affine([(p["W_hy"], h)], p["b_y"], ["W_{hy}"], digits)
                   + f" = {_val(y, digits)}")
        yield _event(N_("t = {t}: output yₜ"), formula, t, "y", y, {"h_t": h, "y_t": y}, kind="forward")


# --- LSTM ----------------------------------------------------------------
def lstm_step_events(layer: LSTM, x_t, h_prev=None, c_prev=None, t: int = 1,
                     digits: int = 3) -> Iterator[Event]:
    x_t, h_prev, c_prev = _vectors(layer, x_t, h_prev, c_prev)
    p, peep = layer.params, layer.variant == "peephole"
    hx = np.concatenate([h_prev, x_t])
    base = {"x_t": x_t, "h_prev": h_prev, "c_prev": c_prev, "hx": hx}

    def gate(g, act, peek=None):
        """Pre-activation, value and the numbers of W_g [h_{t-1}, x_t] + b_g (+ p_g ⊙ C)."""
        pre = p[f"W_{g}"] @ hx + p[f"b_{g}"]
        extra = ""
        if peek is not None:
            pre = pre + p[f"p_{g}"] * peek
            extra = " + " + _times(p[f"p_{g}"], peek, digits)
        out = sigmoid(pre) if act == "sigmoid" else np.tanh(pre)
        return pre, out, _affine([(p[f"W_{g}"], hx)], p[f"b_{g}"], [f"W_{g}"], digits), extra

    peek = r" + p_{g} \odot C_{s}"
    pre, f, aff, extra = gate("f", "sigmoid", c_prev if peep else None)
    yield _gate_event(N_("t = {t}: forget gate fₜ"), r"f_t = \sigma(W_f [h_{t-1}, x_t] + b_f"
                      + (peek.format(g="f", s="{t-1}") if peep else "") + ")", "sigmoid", pre, f, aff, t, "f",
                      {**base, "W_f": p["W_f"], "b_f": p["b_f"], "f_t": f}, digits, extra)

    if layer.variant == "coupled":
        i = 1.0 - f
        yield _event(N_("t = {t}: input gate iₜ (coupled)"),
                     rf"i_t = 1 - f_t = 1 - {_factor(f, digits)} = {_val(i, digits)}", t, "i", i,
                     {**base, "f_t": f, "i_t": i})
    else:
        pre, i, aff, extra = gate("i", "sigmoid", c_prev if peep else None)
        yield _gate_event(N_("t = {t}: input gate iₜ"), r"i_t = \sigma(W_i [h_{t-1}, x_t] + b_i"
                          + (peek.format(g="i", s="{t-1}") if peep else "") + ")", "sigmoid", pre, i, aff, t, "i",
                          {**base, "W_i": p["W_i"], "b_i": p["b_i"], "i_t": i}, digits, extra)

    pre, g, aff, _ = gate("C", "tanh")
    yield _gate_event(N_("t = {t}: candidate C̃ₜ"), r"\tilde{C}_t = \tanh(W_C [h_{t-1}, x_t] + b_C)", "tanh",
                      pre, g, aff, t, "C~", {**base, "W_C": p["W_C"], "b_C": p["b_C"], "C~_t": g}, digits)

    c = f * c_prev + i * g
    yield _event(N_("t = {t}: cell state Cₜ"),
                 r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t = "
                 f"{_times(f, c_prev, digits)} + {_times(i, g, digits)} = {_val(c, digits)}",
                 t, "C", c, {**base, "f_t": f, "i_t": i, "C~_t": g, "C_t": c})

    pre, o, aff, extra = gate("o", "sigmoid", c if peep else None)
    yield _gate_event(N_("t = {t}: output gate oₜ"), r"o_t = \sigma(W_o [h_{t-1}, x_t] + b_o"
                      + (peek.format(g="o", s="t") if peep else "") + ")", "sigmoid", pre, o, aff, t, "o",
                      {**base, "W_o": p["W_o"], "b_o": p["b_o"], "C_t": c, "o_t": o}, digits, extra)

    tc = np.tanh(c)
    h = o * tc
    yield _event(N_("t = {t}: hidden state hₜ"),
                 rf"h_t = o_t \odot \tanh(C_t) = {_factor(o, digits)} \odot \tanh\left({_val(c, digits)}\right) = "
                 f"{_times(o, tc, digits)} = {_val(h, digits)}",
                 t, "h", h, {**base, "o_t": o, "C_t": c, "h_t": h})


# --- GRU -----------------------------------------------------------------
def gru_step_events(layer: GRU, x_t, h_prev=None, t: int = 1, digits: int = 3) -> Iterator[Event]:
    x_t, h_prev = _vectors(layer, x_t, h_prev)
    p = layer.params
    hx = np.concatenate([h_prev, x_t])
    base = {"x_t": x_t, "h_prev": h_prev, "hx": hx}

    def gate(g, vec, act):
        pre = p[f"W_{g}"] @ vec + p[f"b_{g}"]
        out = sigmoid(pre) if act == "sigmoid" else np.tanh(pre)
        return pre, out, _affine([(p[f"W_{g}"], vec)], p[f"b_{g}"], [f"W_{g}"], digits)

    pre, z, aff = gate("z", hx, "sigmoid")
    yield _gate_event(N_("t = {t}: update gate zₜ"), r"z_t = \sigma(W_z [h_{t-1}, x_t] + b_z)", "sigmoid", pre, z, aff,
                      t, "z", {**base, "W_z": p["W_z"], "b_z": p["b_z"], "z_t": z}, digits)
    pre, r, aff = gate("r", hx, "sigmoid")
    yield _gate_event(N_("t = {t}: reset gate rₜ"), r"r_t = \sigma(W_r [h_{t-1}, x_t] + b_r)", "sigmoid", pre, r, aff,
                      t, "r", {**base, "W_r": p["W_r"], "b_r": p["b_r"], "r_t": r}, digits)
    rhx = np.concatenate([r * h_prev, x_t])
    pre, hc, aff = gate("h", rhx, "tanh")
    yield _gate_event(N_("t = {t}: candidate h̃ₜ"), r"\tilde{h}_t = \tanh(W_h [r_t \odot h_{t-1}, x_t] + b_h)", "tanh",
                      pre, hc, aff, t, "h~", {**base, "r_t": r, "rhx": rhx, "W_h": p["W_h"], "b_h": p["b_h"],
                                             "h~_t": hc}, digits)
    h = (1.0 - z) * h_prev + z * hc
    yield _event(N_("t = {t}: hidden state hₜ"),
                 r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t = "
                 f"{_times(1.0 - z, h_prev, digits)} + {_times(z, hc, digits)} = {_val(h, digits)}",
                 t, "h", h, {**base, "z_t": z, "h~_t": hc, "h_t": h})


# --- a whole sequence ----------------------------------------------------
def sequence_events(layer: RNN | LSTM | GRU, xs, h0=None, c0=None, digits: int = 3) -> Iterator[Event]:
    """Every gate of every time step of one sequence xs (T, features), then a "done" event.

    The state passed from step to step is the one the events show, so the
    "done" event's h (T, hidden) is what the student watched being built.
    """
    xs = np.asarray(xs, dtype=float)
    if xs.ndim == 1:
        xs = xs.reshape(-1, 1)
    if xs.ndim != 2 or xs.shape[1] != layer.input_size:
        raise ValueError(f"give one sequence of shape (T, {layer.input_size}), got {xs.shape}")
    h, c = h0, c0
    hs, step = [], 0
    for t, x_t in enumerate(xs, start=1):
        if isinstance(layer, LSTM):
            events = lstm_step_events(layer, x_t, h, c, t, digits)
        elif isinstance(layer, GRU):
            events = gru_step_events(layer, x_t, h, t, digits)
        elif isinstance(layer, RNN):
            events = rnn_step_events(layer, x_t, h, t, digits)
        else:
            raise ValueError(f"sequence_events steps an RNN, LSTM or GRU, not {type(layer).__name__}")
        for e in events:
            if "h_t" in e.arrays and e.values["gate"] == "h":
                h = np.array(e.arrays["h_t"])
                c = np.array(e.arrays["C_t"]) if "C_t" in e.arrays else c
            yield dataclasses.replace(e, step=step)
            step += 1
        hs.append(h)
    arrays = {"h": np.array(hs), "h_T": h}
    if isinstance(layer, LSTM):
        arrays["C_T"] = c
    yield Event.said("done", N_("Done: {n} time steps"), {"n": len(hs)}, rf"h_T = {_val(h, digits)}",
                     arrays=arrays, values={"T": len(hs)}, step=step)
