"""Checked numbers of lesson learning-rate.

Gradient descent on f(x) = x² from x = 1 with the engine's SGD (each step
multiplies x by 1 − 2η); a 1-16-1 tanh network on sin x with three rates;
the schedules are written out as in the lesson.
"""
import math
from functools import lru_cache


def _x_after(lr, steps, x0=1.0):
    import numpy as np

    from engine.optimizers import SGD

    opt, x = SGD(lr), np.array([x0])
    for _ in range(steps):
        opt.begin_step()
        opt.update("x", x, 2 * x)           # f'(x) = 2x
    return float(x[0])


@lru_cache(maxsize=None)
def _sine(lr):
    from engine.data import sine
    from engine.layers import Dense, Tanh
    from engine.network import Sequential
    from engine.optimizers import SGD
    from engine.training import fit

    X, y = sine(n=64, seed=0)
    net = Sequential([Dense(1, 16, init="xavier", rng=0), Tanh(), Dense(16, 1, init="xavier", rng=1)])
    return fit(net, X, y, "mse", SGD(lr), epochs=200, seed=0)


def _rises(losses) -> int:
    """How many epochs the loss went up instead of down."""
    return sum(1 for before, after in zip(losses, losses[1:]) if after > before)


def step_decay(t, lr0=0.1, drop=0.5, every=10):
    return lr0 * drop ** (t // every)


def exponential(t, lr0=0.1, k=0.05):
    return lr0 * math.exp(-k * t)


def cosine(t, lr_max=0.1, lr_min=0.0, T=100):
    return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * t / T))


def warmup(t, lr0=0.1, warm=5):
    # epochs counted from t = 0 like the schedules: the first epoch already gets lr0/warm, not 0
    return lr0 * min(1.0, (t + 1) / warm)


FACTS = {
    "lrate.x10_001": lambda: _x_after(0.01, 10),
    "lrate.x10_01": lambda: _x_after(0.1, 10),
    "lrate.x1_05": lambda: _x_after(0.5, 1),
    "lrate.x1_09": lambda: _x_after(0.9, 1),
    "lrate.x2_09": lambda: _x_after(0.9, 2),
    "lrate.x10_09": lambda: _x_after(0.9, 10),
    "lrate.x1_11": lambda: _x_after(1.1, 1),
    "lrate.x2_11": lambda: _x_after(1.1, 2),
    "lrate.x10_11": lambda: _x_after(1.1, 10),
    # the factor 1 − 2η that every step multiplies x by
    "lrate.factor_001": lambda: 1 - 2 * 0.01,
    "lrate.factor_01": lambda: 1 - 2 * 0.1,
    "lrate.factor_05": lambda: 1 - 2 * 0.5,
    "lrate.factor_09": lambda: 1 - 2 * 0.9,
    "lrate.factor_11": lambda: 1 - 2 * 1.1,
    "lrate.sine_001": lambda: _sine(0.01).train_loss[-1],
    "lrate.sine_01": lambda: _sine(0.1).train_loss[-1],
    "lrate.sine_1_step": lambda: _sine(1.0).diverged_at["step"],
    # the rule-of-thumb table: the same network at three more rates
    "lrate.sine_0001": lambda: _sine(0.001).train_loss[-1],
    "lrate.sine_03": lambda: _sine(0.3).train_loss[-1],
    # η = 0.5 is unsteady: where its loss ends after 200 epochs depends on the last bit of rounding
    # (0.048, 0.086 or 0.119 by the CPU's matrix kernels), so the lesson states what does not
    # depend on it: the loss at epoch 100 and how often it jumps back up in the last 100 epochs.
    "lrate.sine_05_at100": lambda: _sine(0.5).train_loss[99],
    "lrate.sine_05_rises": lambda: _rises(_sine(0.5).train_loss[100:]),
    "lrate.step25": lambda: step_decay(25),
    "lrate.exp20": lambda: exponential(20),
    "lrate.cos25": lambda: cosine(25),
    "lrate.cos50": lambda: cosine(50),
    "lrate.cos75": lambda: cosine(75),
    "lrate.warm0": lambda: warmup(0),
    "lrate.warm2": lambda: warmup(2),
    "lrate.warm4": lambda: warmup(4),
}
