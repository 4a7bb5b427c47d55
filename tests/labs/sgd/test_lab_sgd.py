"""Lab sgd: the three runs recomputed by a hand loop (same shuffles), stopping rules, noise, divergence."""
from __future__ import annotations

import math
import re
from functools import partial

import numpy as np

from lab_plain import plain_text
from labs2_pilot import drill, run_to_end

plain = partial(plain_text, "sgd")  # plain(*tokens) -> the printed text


def hand_run(B, lr=0.1, epochs=50, tol_loss=1e-4, n=64, noise=0.5, seed=0):
    """w, b by θ ← θ − η (1/B) Σ ∇E_i; epochs shuffled by default_rng(seed).permutation as iter_fit does."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = X @ np.array([3.0, -2.0]) + 1.0 + rng.normal(0.0, noise, n)
    order_rng = np.random.default_rng(seed)
    w, b = np.zeros(2), 0.0
    losses, steps = [], 0
    for epoch in range(1, epochs + 1):
        order = order_rng.permutation(n) if B < n else np.arange(n)
        for lo in range(0, n, B):
            idx = order[lo:lo + B]
            r = X[idx] @ w + b - y[idx]
            w, b = w - lr * (r @ X[idx]) / len(idx), b - lr * r.mean()
            steps += 1
        losses.append(0.5 * np.mean((X @ w + b - y) ** 2))
        if epoch > 1 and abs(losses[-1] - losses[-2]) < tol_loss:
            return losses, steps, "loss change"
    return losses, steps, "maximum"


def summary(text, name):
    line = re.search(rf"^{name}: .*$", text, re.M).group(0)
    steps = int(re.search(r"(\d+) steps", line).group(1))
    E = float(re.search(r"E = ([0-9.]+)", line).group(1))
    return steps, E


def test_plain_matches_hand_loops_and_stopping_rules():
    text = plain()
    for name, B in (("full batch", 64), ("mini-batch 8", 8), ("stochastic", 1)):
        losses, steps, why = hand_run(B)
        got_steps, got_E = summary(text, name)
        assert got_steps == steps
        assert math.isclose(got_E, losses[-1], rel_tol=1e-5)
    _, steps, why = hand_run(8)
    assert why == "loss change" and steps == 8 * (steps // 8) < 50 * 8
    assert "mini-batch 8: stopped after epoch" in text and "loss change" in text


def test_plain_stochastic_batches_are_noisy():
    text = plain()
    lo, hi = map(float, re.search(r"^stochastic: .*last epoch ([0-9.e+-]+) \.\. ([0-9.e+-]+)", text, re.M).groups())
    flo, fhi = map(float, re.search(r"^full batch: .*last epoch ([0-9.e+-]+) \.\. ([0-9.e+-]+)", text, re.M).groups())
    assert flo == fhi and hi - lo > 10 * (fhi - flo + 1e-3)


def test_drill_stops_and_noise_in_the_plots():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        assert any("mini-batch 8 stopped after epoch" in e.label for e in stepper.history)
        seen = app.screen.query_one("SeenPlot")
        full, sto = seen.series["m0"], seen.series["m2"]
        assert len(sto.x) == 50 * 64 and len(full.x) == 50
        assert max(sto.x) == 50 * 64
        jumps = lambda s: np.std(np.diff(s.y))
        assert jumps(sto) > 5 * jumps(full)
        return True

    assert drill("sgd", (), size=(100, 32), after=after)


def test_drill_divergence_never_puts_nan_in_plots():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "diverged"
        assert isinstance(stepper.current.values["step"], int)
        for plot in app.screen.query("EpochPlot, SeenPlot"):
            for s in plot.series.values():
                assert all(math.isfinite(y) for y in s.y)
        return True

    assert drill("sgd", ("lr=200",), steps=1, after=after)
