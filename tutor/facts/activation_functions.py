"""Checked numbers of lesson activation-functions (engine.activations)."""
import numpy as np


def _a():
    import engine.activations as a

    return a


def _tanh_slope_below(level):
    # the |z| where tanh'(z) = level, by bisection on the engine's tanh_prime (decreasing for z > 0)
    lo, hi = 0.0, 20.0
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if float(_a().tanh_prime(mid)) > level else (lo, mid)
    return lo


def _softmax(i):
    return float(_a().softmax(np.array([1.0, 2.0, 3.0]))[i])


FACTS = {
    "act.sig_p0": lambda: float(_a().sigmoid_prime(0.0)),
    "act.sig_p5": lambda: float(_a().sigmoid_prime(5.0)),
    "act.tanh_p0": lambda: float(_a().tanh_prime(0.0)),
    "act.tanh_p2": lambda: float(_a().tanh_prime(2.0)),
    "act.tanh_p3": lambda: float(_a().tanh_prime(3.0)),
    "act.tanh_01": lambda: _tanh_slope_below(0.1),
    "act.elu_m1": lambda: float(_a().elu(-1.0, alpha=1.0)),
    "act.elu_p_m1": lambda: float(_a().elu_prime(-1.0, alpha=1.0)),
    "act.gelu1": lambda: float(_a().gelu(1.0)),
    "act.sm1": lambda: _softmax(0),
    "act.sm2": lambda: _softmax(1),
    "act.sm3": lambda: _softmax(2),
}
