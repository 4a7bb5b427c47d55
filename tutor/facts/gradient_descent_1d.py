"""Checked numbers of lesson gradient-descent-1d: f(x) = x^2 + sin x from x0 = 4.

The runs use engine.descent.descend: seed 004's rule (forward-difference slope,
h = 1e-6; halve the rate when the slope changes sign; stop when |dx| < 1e-5).
"""
import math


def _f(x):
    return x**2 + math.sin(x)


def _run(lr, **kw):
    from engine.descent import descend

    return descend(_f, 4.0, lr=lr, min_step=1e-5, **kw)


def _slope(x):
    from engine.descent import derivative

    return derivative(_f, x)


def _true_min():
    # Newton's method on f'(x) = 2x + cos x: an independent check of the runs
    x = 0.0
    for _ in range(50):
        x -= (2 * x + math.cos(x)) / (2 - math.sin(x))
    return x


FACTS = {
    "gd.f4": lambda: _f(4.0),
    "gd.g4": lambda: _slope(4.0),
    "gd.fp_m1": lambda: 2 * -1 + math.cos(-1),
    "gd.fp_0": lambda: 2 * 0 + math.cos(0),
    "gd.x1_05": lambda: _run(0.5).xs[1],
    "gd.x2_05": lambda: _run(0.5).xs[2],
    "gd.halve_at_05": lambda: _run(0.5).halvings[0]["iteration"],
    "gd.updates_05": lambda: _run(0.5).iterations,
    "gd.xfinal_05": lambda: _run(0.5).x,
    "gd.x1_01": lambda: _run(0.1).xs[1],
    "gd.updates_01": lambda: _run(0.1).iterations,
    "gd.xfinal_01": lambda: _run(0.1).x,
    "gd.xmin": _true_min,
    "gd.fmin": lambda: _f(_true_min()),
    # plain descent (no halving) with a too-large rate: the first three x's
    "gd.plain11_x1": lambda: _run(1.1, halve=False, max_iterations=3).xs[1],
    "gd.plain11_x2": lambda: _run(1.1, halve=False, max_iterations=3).xs[2],
    "gd.plain11_x3": lambda: _run(1.1, halve=False, max_iterations=3).xs[3],
    # ... and with the halving rule the same rate converges after a few halvings
    "gd.halvings11": lambda: len(_run(1.1).halvings) if _run(1.1).converged else float("nan"),
}

# the trace table for lr = 0.5: x, f(x) and the slope used by update i
for _i in range(4):
    FACTS[f"gd.t05_x{_i}"] = lambda i=_i: _run(0.5).xs[i + 1]
    FACTS[f"gd.t05_f{_i}"] = lambda i=_i: _run(0.5).fs[i + 1]
    FACTS[f"gd.t05_g{_i}"] = lambda i=_i: _run(0.5).gradients[i]
    FACTS[f"gd.t05_lr{_i}"] = lambda i=_i: _run(0.5).lrs[i]      # 0.5 until the halving, then 0.25
FACTS["gd.halved_05"] = lambda: _run(0.5).halvings[0]["lr_after"]

# The stopping rule: |dx| = eta |f'(x)| < 1e-5 with the eta in use at the end (halvings shrink it),
# so at the stop |f'(x)| < 1e-5 / eta.
FACTS["gd.final_lr_05"] = lambda: _run(0.5).lrs[-1]
FACTS["gd.stop_bound_05"] = lambda: 1e-5 / _run(0.5).lrs[-1]
