"""Checked numbers of lesson generalization.

20 noisy points of y = x² − 2x + 1 (noise σ = 1), 100 validation points;
a straight line underfits, a 1-64-64-1 tanh network (Adam, 2000 epochs)
overfits, L2 weight decay helps; dropout scaling and the initialisations
are read off the engine's layers.
"""
import math
from functools import lru_cache


def _data():
    from engine.data import noisy_quadratic

    return noisy_quadratic(n=20, noise=1.0, seed=0), noisy_quadratic(n=100, noise=1.0, seed=1)


def _run(layers, weight_decay=0.0):
    from engine.network import Sequential
    from engine.optimizers import Adam
    from engine.training import fit

    (X, y), (Xv, yv) = _data()
    return fit(Sequential(layers), X, y, "mse", Adam(0.01, weight_decay=weight_decay), epochs=2000,
               seed=0, validation=(Xv, yv))


@lru_cache(maxsize=None)
def _line():
    from engine.layers import Dense

    return _run([Dense(1, 1, init="xavier", rng=0)])


@lru_cache(maxsize=None)
def _big(weight_decay=0.0):
    from engine.layers import Dense, Tanh

    return _run([Dense(1, 64, init="xavier", rng=0), Tanh(), Dense(64, 64, init="xavier", rng=2), Tanh(),
                 Dense(64, 1, init="xavier", rng=1)], weight_decay)


def _dropout_mean(p):
    import numpy as np

    from engine.layers import Dropout

    return float(Dropout(p, rng=0).forward(np.ones(100_000), training=True).mean())


def _weights(init, n_in=64, n_out=50):
    from engine.layers import Dense

    return Dense(n_in, n_out, init=init, rng=0).params["W"]


FACTS = {
    "gen.line_train": lambda: _line().train_loss[-1],
    "gen.line_val": lambda: _line().val_loss[-1],
    "gen.big_train": lambda: _big().train_loss[-1],
    "gen.big_val": lambda: _big().val_loss[-1],
    "gen.l2_train": lambda: _big(0.03).train_loss[-1],
    "gen.l2_val": lambda: _big(0.03).val_loss[-1],
    "gen.floor": lambda: 0.5 * 1.0 ** 2,
    # weight decay as a shrink factor: w ← (1 − ηλ) w − η g
    "gen.shrink": lambda: 1 - 0.1 * 0.01,
    # inverted dropout
    "gen.scale_05": lambda: 1 / (1 - 0.5),
    "gen.scale_02": lambda: 1 / (1 - 0.2),
    "gen.kept_08": lambda: 0.8 / (1 - 0.2),
    "gen.mean_05": lambda: _dropout_mean(0.5),
    # initialisation of a 64 -> 50 layer
    "gen.xavier_var": lambda: 2 / (64 + 50),
    "gen.xavier_a": lambda: math.sqrt(6 / (64 + 50)),
    "gen.xavier_emp": lambda: float(_weights("xavier").var()),
    "gen.n_weights": lambda: _weights("xavier").size,
    "gen.he_var": lambda: 2 / 64,
    "gen.he_emp": lambda: float(_weights("he").var()),
    "gen.he_std": lambda: math.sqrt(2 / 64),
}
