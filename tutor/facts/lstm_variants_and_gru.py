"""Checked numbers of lesson lstm-variants-and-gru: parameter counts from
engine.recurrent.param_count_formula, checked against the layers
themselves, and one step of a one-unit engine GRU and coupled LSTM."""
import numpy as np


def _count(kind, x, h, variant="standard"):
    from engine.recurrent import GRU, LSTM, RNN, param_count_formula

    n = param_count_formula(kind, x, h, variant)
    layer = {"rnn": lambda: RNN(x, h), "gru": lambda: GRU(x, h),
             "lstm": lambda: LSTM(x, h, variant)}[kind]()
    assert layer.param_count() == n, (kind, variant, layer.param_count(), n)
    return n


def _gru_step():
    from engine.recurrent import GRU

    layer = GRU(1, 1)
    for gate, w in {"z": [0.4, 0.6], "r": [0.3, 0.5], "h": [0.2, 0.7]}.items():
        layer.params[f"W_{gate}"][...] = np.array([w])       # columns: [h_{t-1}, x_t]
        layer.params[f"b_{gate}"][...] = 0.0
    h = layer.forward(np.array([[1.0]]), h0=np.array([0.5]))
    _, _, z, r, cand = layer._cache[2][0]
    return {"z": z.item(), "r": r.item(), "cand": cand.item(), "h": h.item()}


def _coupled_step():
    from engine.recurrent import LSTM

    layer = LSTM(1, 1, variant="coupled")
    for gate, (w, b) in {"f": ([0.4, 0.6], 1.0), "C": ([0.2, 0.7], 0.0), "o": ([0.1, 0.4], 0.0)}.items():
        layer.params[f"W_{gate}"][...] = np.array([w])
        layer.params[f"b_{gate}"][...] = b
    layer.forward(np.array([[1.0]]), h0=np.array([0.5]), c0=np.array([0.8]))
    _, f, i, g, o, tc = layer._cache[3][0]
    return {"f": f.item(), "i": i.item(), "c": layer.c.item()}


FACTS = {
    "gru.one_gate": lambda: _count("rnn", 10, 20),
    "gru.lstm": lambda: _count("lstm", 10, 20),
    "gru.peep": lambda: _count("lstm", 10, 20, "peephole"),
    "gru.coupled": lambda: _count("lstm", 10, 20, "coupled"),
    "gru.gru": lambda: _count("gru", 10, 20),
    "gru.peep_ratio": lambda: _count("lstm", 10, 20, "peephole") / _count("lstm", 10, 20),
    "gru.gru_ratio": lambda: _count("gru", 10, 20) / _count("lstm", 10, 20),
    "gru.coupled_ratio": lambda: _count("lstm", 10, 20, "coupled") / _count("lstm", 10, 20),
    "gru.big_lstm": lambda: _count("lstm", 128, 256),
    "gru.big_gru": lambda: _count("gru", 128, 256),
    "gru.big_peep_extra": lambda: _count("lstm", 128, 256, "peephole") - _count("lstm", 128, 256),
    "gru.big_peep_ratio": lambda: _count("lstm", 128, 256, "peephole") / _count("lstm", 128, 256),
    "gru.z_net": lambda: 0.4 * 0.5 + 0.6 * 1.0,
    "gru.r_net": lambda: 0.3 * 0.5 + 0.5 * 1.0,
    "gru.one_minus_z": lambda: 1 - _gru_step()["z"],
    "gru.z": lambda: _gru_step()["z"],
    "gru.r": lambda: _gru_step()["r"],
    "gru.cand_net": lambda: 0.2 * _gru_step()["r"] * 0.5 + 0.7 * 1.0,
    "gru.cand": lambda: _gru_step()["cand"],
    "gru.h": lambda: _gru_step()["h"],
    "gru.cf": lambda: _coupled_step()["f"],
    "gru.ci": lambda: _coupled_step()["i"],
    "gru.cc": lambda: _coupled_step()["c"],
}
