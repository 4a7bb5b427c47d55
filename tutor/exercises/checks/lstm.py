"""15 · one LSTM step (lesson [[lstm]]), against engine.recurrent.LSTM (gates read [h_{t−1}, x_t])."""
from __future__ import annotations

import numpy as np

from engine.recurrent import LSTM
from tutor.exercises.spec import call_case
from tutor.locale import t

GATES = ("f", "i", "C", "o")


def engine_step(x_t, h_prev, c_prev, weights):
    layer = LSTM(len(x_t), len(h_prev))
    for gate in GATES:
        layer.params[f"W_{gate}"] = weights[f"W_{gate}"].copy()
        layer.params[f"b_{gate}"] = weights[f"b_{gate}"].copy()
    h = layer.forward(x_t[None], h0=h_prev, c0=c_prev)[0]
    return h, layer.c[0, 0].copy()


def variant(x_t, h_prev, c_prev, w, order="hx", tanh_out=True, input_gate=True):
    def sig(z):
        return 1 / (1 + np.exp(-z))
    hx = np.concatenate([h_prev, x_t] if order == "hx" else [x_t, h_prev])
    f, i, o = (sig(w[f"W_{g}"] @ hx + w[f"b_{g}"]) for g in ("f", "i", "o"))
    g = np.tanh(w["W_C"] @ hx + w["b_C"])
    c = f * c_prev + (i if input_gate else 1.0) * g
    return (o * np.tanh(c) if tanh_out else o * c), c


def cases():
    rng = np.random.default_rng(15)
    lesson = {"W_f": np.array([[0.4, 0.6]]), "b_f": np.array([1.0]), "W_i": np.array([[0.3, 0.5]]),
              "b_i": np.zeros(1), "W_C": np.array([[0.2, 0.7]]), "b_C": np.zeros(1),
              "W_o": np.array([[0.1, 0.4]]), "b_o": np.zeros(1)}
    runs = [(np.array([1.0]), np.array([0.5]), np.array([0.8]), lesson, t("the example of lesson {lesson}", lesson="[[lstm]]"))]
    for n_in, hidden in ((2, 3), (4, 2)):
        weights = {}
        for gate in GATES:
            weights[f"W_{gate}"] = rng.normal(size=(hidden, hidden + n_in))
            weights[f"b_{gate}"] = rng.normal(size=hidden)
        runs.append((rng.normal(size=n_in), rng.normal(size=hidden), rng.normal(size=hidden), weights, ""))
    out = []
    for x_t, h_prev, c_prev, w, label in runs:
        h, c = engine_step(x_t, h_prev, c_prev, w)
        args = [("x_t", x_t), ("h_prev", h_prev), ("c_prev", c_prev)]
        # the weights are passed too, but the call is described by its state (names with _ stay unsaid)
        args += [(f"_{kind}_{gate}", w[f"{kind}_{gate}"]) for gate in GATES for kind in ("W", "b")]
        mistakes = {None: [(variant(x_t, h_prev, c_prev, w, order="xh"),
                            t("the gates read [x_t, h_prev]; the lesson (and the columns of every W) put h_prev first: "
                              "[h_prev, x_t]")),
                           ((c, h), t("the two results are swapped: return (h_t, C_t)"))],
                    0: [(variant(x_t, h_prev, c_prev, w, tanh_out=False)[0],
                         t("h_t = o_t ⊙ tanh(C_t): the tanh is missing"))],
                    1: [(variant(x_t, h_prev, c_prev, w, input_gate=False)[1],
                         t("the input gate is missing: C_t = f_t ⊙ c_prev + i_t ⊙ C̃_t"))]}
        out.append(call_case("lstm_step", "x_t, h_prev, c_prev, W_f, b_f, W_i, b_i, W_C, b_C, W_o, b_o", args, (h, c),
                             names=("h_t", "C_t"), label=label, mistakes=mistakes))
    return out
