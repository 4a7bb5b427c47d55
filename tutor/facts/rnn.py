"""Checked numbers of lesson rnn: a one-unit Elman RNN of the engine with
w_xh = 0.5, w_hh = 0.8, b = 0, fed a single pulse x = (1, 0, 0, ...), and
engine.recurrent.gradient_through_time for how the gradient fades."""
import math

import numpy as np


def _rnn(w_hh=0.8, w_xh=0.5):
    from engine.recurrent import RNN

    layer = RNN(1, 1)
    layer.params["W_xh"][...] = w_xh
    layer.params["W_hh"][...] = w_hh
    layer.params["b_h"][...] = 0.0
    return layer


def _pulse(T):
    x = np.zeros((T, 1))
    x[0] = 1.0
    return x


def _h(t, T=20):
    return float(_rnn().forward(_pulse(T))[t - 1, 0])


def _fade(t, T=20, w_hh=0.8, x=None):
    """|∂h_T/∂h_t| for the one-unit RNN."""
    from engine.recurrent import gradient_through_time

    x = _pulse(T) if x is None else x
    return float(gradient_through_time(_rnn(w_hh), x)[t - 1])


def _count(x, h):
    from engine.recurrent import RNN, param_count_formula

    assert RNN(x, h).param_count() == param_count_formula("rnn", x, h)
    return param_count_formula("rnn", x, h)


def _lab_ratio(**settings):
    """|dh_T/dh_1| / |dh_T/dh_T| as the rnn lab reports it (the lab questions' starting point)."""
    from tutor.labs import get_lab

    lab = get_lab("rnn").from_tokens([f"{k}={v}" for k, v in settings.items()])
    return [e for e in lab.run() if e.kind == "done"][-1].values["ratio"]


FACTS = {
    "rnn.h1": lambda: _h(1),
    "rnn.h2": lambda: _h(2),
    "rnn.h3": lambda: _h(3),
    "rnn.h10": lambda: _h(10),
    "rnn.tanhp_h1": lambda: 1 - math.tanh(0.8 * math.tanh(0.5)) ** 2,
    "rnn.step21": lambda: 0.8 * (1 - _h(2) ** 2),
    "rnn.fade_10_from_20": lambda: _fade(10),
    "rnn.fade_1_from_20": lambda: _fade(1),
    "rnn.bound10": lambda: 0.8 ** 10,
    "rnn.bound19": lambda: 0.8 ** 19,
    "rnn.grow10": lambda: 1.5 ** 10,
    # with a large input every step, tanh saturates and the gradient fades faster
    "rnn.fade_busy": lambda: _fade(1, x=np.full((20, 1), 2.0)),
    "rnn.fade_busy_e20": lambda: _fade(1, x=np.full((20, 1), 2.0)) * 1e20,     # written × 10⁻²⁰
    "rnn.params_1_2": lambda: _count(1, 2),
    "rnn.params_10_32": lambda: _count(10, 32),
    "rnn.lab_ratio10": lambda: _lab_ratio(T=10, scale=1, hidden=2, seed=0, input="sine"),
}
