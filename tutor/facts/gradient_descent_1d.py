"""Checked numbers of lesson gradient-descent-1d: f(x) = x^2 + sin x from x0 = 4.

The run below is seed 004's algorithm: forward-difference slope (h = 1e-6),
halve the learning rate when the slope changes sign, stop when |dx| < min_step.
"""
import math


def _f(x):
    return x**2 + math.sin(x)


def _slope(x, h=1e-6):
    return (_f(x + h) - _f(x)) / h


def _run(x, lr, min_step=1e-5, max_iterations=1000, halving=True):
    """Return (xs after each update, iterations where lr was halved)."""
    xs, halved = [], []
    last = _slope(x)
    for iteration in range(max_iterations):
        g = _slope(x)
        if halving and iteration > 0 and g * last < 0:
            lr *= 0.5
            halved.append(iteration)
        new_x = x - lr * g
        if abs(new_x - x) < min_step:
            break
        x, last = new_x, g
        xs.append(x)
    return xs, halved


def _true_min():
    # Newton's method on f'(x) = 2x + cos x, as an independent check of the runs
    x = 0.0
    for _ in range(50):
        x -= (2 * x + math.cos(x)) / (2 - math.sin(x))
    return x


FACTS = {
    "gd.f4": lambda: _f(4.0),
    "gd.g4": lambda: _slope(4.0),
    "gd.x1_05": lambda: _run(4.0, 0.5)[0][0],
    "gd.x2_05": lambda: _run(4.0, 0.5)[0][1],
    "gd.halve_at_05": lambda: _run(4.0, 0.5)[1][0],
    "gd.updates_05": lambda: len(_run(4.0, 0.5)[0]),
    "gd.xfinal_05": lambda: _run(4.0, 0.5)[0][-1],
    "gd.x1_01": lambda: _run(4.0, 0.1)[0][0],
    "gd.updates_01": lambda: len(_run(4.0, 0.1)[0]),
    "gd.xfinal_01": lambda: _run(4.0, 0.1)[0][-1],
    "gd.xmin": lambda: _true_min(),
    "gd.fmin": lambda: _f(_true_min()),
    "gd.plain11_x1": lambda: _run(4.0, 1.1, max_iterations=1, halving=False)[0][0],
    "gd.plain11_x2": lambda: _run(4.0, 1.1, max_iterations=2, halving=False)[0][1],
    "gd.plain11_x3": lambda: _run(4.0, 1.1, max_iterations=3, halving=False)[0][2],
}


def _trace(lr):
    """(x, f(x), slope used) for each update of the run from x0 = 4."""
    xs, _ = _run(4.0, lr)
    before = [4.0] + xs[:-1]
    return [(x, _f(x), _slope(x_old)) for x, x_old in zip(xs, before)]


for _i in range(4):
    FACTS[f"gd.t05_x{_i}"] = lambda i=_i: _trace(0.5)[i][0]
    FACTS[f"gd.t05_f{_i}"] = lambda i=_i: _trace(0.5)[i][1]
    FACTS[f"gd.t05_g{_i}"] = lambda i=_i: _trace(0.5)[i][2]

FACTS["gd.fp_m1"] = lambda: 2 * -1 + math.cos(-1)
FACTS["gd.fp_0"] = lambda: 2 * 0 + math.cos(0)
