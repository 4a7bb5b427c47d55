"""Checked numbers of lesson sequences-in-use.

Parameter counts from the engine's layers (LSTM, Dense); teacher forcing on a
one-weight model x̂_{t+1} = 0.9 x_t through a Dense layer; truncated BPTT as
counts and, for the gradient it drops, the engine's gradient_through_time on
a tanh RNN; the stock example as a seeded random walk fitted by least squares
(engine.descent.polynomial_fit); the music example's temperature through
engine.activations.softmax.
"""
from functools import lru_cache

import numpy as np


def _lstm_params(x, h):
    from engine.recurrent import LSTM

    return LSTM(x, h).param_count()


def _dense_params(n_in, n_out):
    from engine.layers import Dense

    return Dense(n_in, n_out).param_count()


@lru_cache(maxsize=None)
def _forcing(steps=10, w=0.9):
    """Predictions of x̂_{t+1} = w x_t on the all-ones sequence: fed the truth, or its own outputs."""
    from engine.layers import Dense

    model = Dense(1, 1, W=[[w]], b=[0.0])
    forced = [float(model.forward(np.array([[1.0]]))[0, 0]) for _ in range(steps)]
    free, x = [], 1.0
    for _ in range(steps):
        x = float(model.forward(np.array([[x]]))[0, 0])
        free.append(x)
    return forced, free


@lru_cache(maxsize=None)
def _reach(T=60, hidden=8):
    """|∂h_T/∂h_t| of a tanh RNN for t = 1..T (the last entry is |I| = √hidden)."""
    from engine.recurrent import RNN, gradient_through_time

    x = np.random.default_rng(0).normal(size=(T, 1))
    return gradient_through_time(RNN(1, hidden, seed=0), x)


def _reach_back(distance):
    g = _reach()
    return float(g[-1 - distance] / g[-1])


@lru_cache(maxsize=None)
def _stock(days=1000, train=800):
    """A seeded random walk (a 'price'); fit next = a·today + b on the first 800 days."""
    from engine.descent import polynomial_fit, polynomial_predict

    price = 100 + np.cumsum(np.random.default_rng(0).normal(size=days))
    fit_part, test = price[:train], price[train:]
    b, a = polynomial_fit(fit_part[:-1], fit_part[1:], 1)
    fitted = polynomial_predict([b, a], test[:-1])
    return {
        "a": float(a), "b": float(b),
        "mse_fit": float(np.mean((fitted - test[1:]) ** 2)),
        "mse_naive": float(np.mean((test[:-1] - test[1:]) ** 2)),
        "mse_mean": float(np.mean((fit_part.mean() - test[1:]) ** 2)),
        "up": float(np.mean(np.diff(price) > 0)),
    }


def _temperature(T, i):
    from engine.activations import softmax

    return float(softmax(np.array([2.0, 1.0, 0.0]) / T)[i])


FACTS = {
    # encoder–decoder
    "seq.enc_params": lambda: _lstm_params(256, 512),
    "seq.out_params": lambda: _dense_params(512, 8000),
    "seq.state_numbers": lambda: 512 + 512,
    # teacher forcing
    "seq.tf_pred": lambda: _forcing()[0][9],
    "seq.tf_err": lambda: 1 - _forcing()[0][9],
    "seq.free_2": lambda: _forcing()[1][1],
    "seq.free_3": lambda: _forcing()[1][2],
    "seq.free_10": lambda: _forcing()[1][9],
    "seq.free_err": lambda: 1 - _forcing()[1][9],
    # truncated BPTT, T = 1000, k = 50
    "seq.tb_chunks": lambda: -(-1000 // 50),
    "seq.tb_avg_reach": lambda: np.mean(np.arange(1, 51)),
    "seq.reach_10": lambda: _reach_back(10),
    "seq.reach_20": lambda: _reach_back(20),
    "seq.reach_50": lambda: _reach_back(50),
    # stock prices
    "seq.windows": lambda: 250 - 20,
    "seq.stock_a": lambda: _stock()["a"],
    "seq.stock_fit": lambda: _stock()["mse_fit"],
    "seq.stock_naive": lambda: _stock()["mse_naive"],
    "seq.stock_mean": lambda: _stock()["mse_mean"],
    "seq.stock_up": lambda: _stock()["up"],
    # music
    "seq.music_lstm": lambda: _lstm_params(88, 128),
    "seq.music_out": lambda: _dense_params(128, 88),
    "seq.t1_a": lambda: _temperature(1.0, 0),
    "seq.t1_b": lambda: _temperature(1.0, 1),
    "seq.t1_c": lambda: _temperature(1.0, 2),
    "seq.t05_a": lambda: _temperature(0.5, 0),
    "seq.t05_c": lambda: _temperature(0.5, 2),
    "seq.t2_a": lambda: _temperature(2.0, 0),
    "seq.t2_c": lambda: _temperature(2.0, 2),
    # the quiz
    "seq.q_chunks": lambda: -(-600 // 40),
    "seq.q_windows": lambda: 100 - 10,
    "seq.q_free": lambda: _forcing(steps=3, w=0.5)[1][2],
}
