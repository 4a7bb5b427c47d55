"""Checked numbers of lesson vanishing-gradients."""
import math

import numpy as np


def _best_sigmoid_chain(n):
    # n layers, each multiplying by the sigmoid's largest slope, sigma'(0)
    from engine.activations import sigmoid_prime

    return float(sigmoid_prime(0.0)) ** n


def _mantissa(value, exponent):
    return value / 10.0**exponent


def _init_spread(init, n_in, n_out):
    """Measured from the engine's Dense initialisation (seeded): max |W| for xavier, std for he."""
    from engine.layers import Dense

    W = Dense(n_in, n_out, init=init, rng=0).params["W"]
    return W


FACTS = {
    "van.m10": lambda: _mantissa(_best_sigmoid_chain(10), -7),
    "van.m20": lambda: _mantissa(_best_sigmoid_chain(20), -13),
    "van.m50": lambda: _mantissa(_best_sigmoid_chain(50), -31),
    "van.ratio50": lambda: 1e-30 / _best_sigmoid_chain(50),
    "van.pct10": lambda: 100 * _best_sigmoid_chain(10),
    "van.p09_50": lambda: 0.9**50,
    "van.p11_50": lambda: 1.1**50,
    # the formulas, and a check that the engine's initialisation follows them
    "van.xavier_a": lambda: math.sqrt(6 / (256 + 128)) if np.abs(_init_spread("xavier", 256, 128)).max()
    <= math.sqrt(6 / (256 + 128)) else float("nan"),
    "van.he_std": lambda: math.sqrt(2 / 256) if abs(_init_spread("he", 256, 128).std() / math.sqrt(2 / 256) - 1) < 0.02
    else float("nan"),
}


def _lab_ratio(activation, depth, init, residual):
    """|dE/dW_1| / |dE/dW_L| in the vanishing lab's network (width 32, seed 0), engine layers."""
    from tutor.labs.vanishing import one_pass

    norms = one_pass(activation, depth, 32, init, residual, 0)["norms"]
    return float(norms[0] / norms[-1])


FACTS.update({
    "van.lab_sig10": lambda: _mantissa(_lab_ratio("sigmoid", 10, "xavier", False), -6),
    "van.lab_relu10": lambda: _lab_ratio("relu", 10, "he", False),
    "van.lab_sig30": lambda: _mantissa(_lab_ratio("sigmoid", 30, "xavier", False), -19),
    "van.lab_res30": lambda: _lab_ratio("sigmoid", 30, "xavier", True),
})
