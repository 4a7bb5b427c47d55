"""Checked numbers of lesson lstm: one step of a one-unit engine LSTM
(h_{t-1} = 0.5, C_{t-1} = 0.8, x_t = 1) with hand-picked weights, and the
product of forget gates that carries the gradient along the cell state."""
import math

import numpy as np

WEIGHTS = {"f": ([0.4, 0.6], 1.0), "i": ([0.3, 0.5], 0.0), "C": ([0.2, 0.7], 0.0), "o": ([0.1, 0.4], 0.0)}


def _cell(forget_bias=1.0):
    from engine.recurrent import LSTM

    layer = LSTM(1, 1)
    for gate, (w, b) in WEIGHTS.items():
        b = forget_bias if gate == "f" else b
        layer.params[f"W_{gate}"][...] = np.array([w])      # columns: [h_{t-1}, x_t]
        layer.params[f"b_{gate}"][...] = b
    return layer


def _step():
    layer = _cell()
    h = layer.forward(np.array([[1.0]]), h0=np.array([0.5]), c0=np.array([0.8]))
    _, f, i, g, o, tc = layer._cache[3][0]
    return {"f": f.item(), "i": i.item(), "g": g.item(), "o": o.item(), "tc": tc.item(),
            "c": layer.c.item(), "h": h.item()}


def _forget_product(T=20, forget_bias=3.0):
    """∂C_T/∂C_1 along the cell path: f_2 · f_3 · ... · f_T, for a pulse input,
    in a cell whose forget gate has (learned) a bias of 3."""
    layer = _cell(forget_bias)
    x = np.zeros((T, 1))
    x[0] = 1.0
    layer.forward(x)
    fs = [step[1].item() for step in layer._cache[3]]
    return math.prod(fs[1:])


def _rnn_fade():
    from tutor.facts.rnn import FACTS

    return FACTS["rnn.fade_1_from_20"]()


FACTS = {
    "lstm.f_net": lambda: 0.4 * 0.5 + 0.6 * 1.0 + 1.0,
    "lstm.i_net": lambda: 0.3 * 0.5 + 0.5 * 1.0,
    "lstm.c_net": lambda: 0.2 * 0.5 + 0.7 * 1.0,
    "lstm.o_net": lambda: 0.1 * 0.5 + 0.4 * 1.0,
    "lstm.f": lambda: _step()["f"],
    "lstm.i": lambda: _step()["i"],
    "lstm.g": lambda: _step()["g"],
    "lstm.keep": lambda: _step()["f"] * 0.8,
    "lstm.write": lambda: _step()["i"] * _step()["g"],
    "lstm.c": lambda: _step()["c"],
    "lstm.o": lambda: _step()["o"],
    "lstm.tc": lambda: _step()["tc"],
    "lstm.h": lambda: _step()["h"],
    "lstm.fprod20": _forget_product,
    "lstm.rnn20": _rnn_fade,
    "lstm.f095_19": lambda: 0.95 ** 19,
    "lstm.f095_99": lambda: 0.95 ** 99,
    "lstm.fprod20_b1": lambda: _forget_product(forget_bias=1.0),
    "lstm.sig3": lambda: 1 / (1 + math.exp(-3.0)),
    "lstm.sig1": lambda: 1 / (1 + math.exp(-1.0)),
}
