"""Lab overfitting: parameter count, the gap, what L2 and early stopping change, the toggles in the TUI."""
from __future__ import annotations

import math
import re
from functools import partial

import numpy as np

from lab_plain import plain_text
from labs2_pilot import drill, run_to_end, settle

plain = partial(plain_text, "overfitting")  # plain(*tokens) -> the printed text


def final(text: str) -> tuple[float, float]:
    return (float(re.search(r"Final training loss: ([0-9.]+)", text).group(1)),
            float(re.search(r"Final validation loss: ([0-9.]+)", text).group(1)))


def test_parameters_and_overfitting_gap():
    text = plain("epochs=600")
    h = 32
    assert f"Parameters: {(1 * h + h) + (h * h + h) + (h + 1)}, training points: 10" in text
    train, val = final(text)
    assert val > 4 * train                      # it learned the noise of 10 points


def test_final_losses_recomputed_outside_the_lab():
    """The same data and network built here from numpy and the engine's pieces; the losses by hand."""
    from engine.layers import Dense, Tanh
    from engine.network import Sequential
    from engine.optimizers import Adam
    from engine.training import fit

    def sine(n, seed):
        rng = np.random.default_rng(seed)
        x = rng.uniform(-np.pi, np.pi, n)
        return x[:, None], np.sin(x) + rng.normal(0.0, 0.25, n)

    X, y = sine(10, 0)
    Xv, yv = sine(200, 1000)
    net = Sequential([Dense(1, 8, init="xavier", rng=0), Tanh(), Dense(8, 8, init="xavier", rng=1), Tanh(),
                      Dense(8, 1, init="xavier", rng=2)])
    fit(net, X, y, "mse", Adam(0.01, weight_decay=0.01), epochs=200, validation=(Xv, yv))
    half_mse = lambda A, t: 0.5 * float(np.mean((net.predict(A)[:, 0] - t) ** 2))
    train, val = final(plain("hidden=8", "epochs=200", "l2=0.01"))
    assert math.isclose(train, half_mse(X, y), abs_tol=2e-6)
    assert math.isclose(val, half_mse(Xv, yv), abs_tol=2e-6)


def test_regularisation_narrows_the_gap():
    base_t, base_v = final(plain("epochs=600"))
    l2_t, l2_v = final(plain("epochs=600", "l2=0.01"))
    assert l2_v < base_v and l2_v - l2_t < base_v - base_t
    text = plain("epochs=600", "patience=50")
    best = int(re.search(r"best validation loss at epoch (\d+)", text).group(1))
    stopped = int(re.search(r"stopped after epoch (\d+)", text).group(1))
    assert stopped == best + 50
    es_t, es_v = final(text)
    assert es_v < base_v
    more_t, more_v = final(plain("epochs=600", "points=100"))
    assert more_v - more_t < base_v - base_t      # more data, smaller gap


def test_drill_and_toggles():
    async def after(pilot, app, stepper):
        lab = app.screen.lab
        await pilot.press("l", "l", "d", "d", "e")     # L2 on and off, dropout on and off, early stopping on
        await settle(pilot)
        assert lab.values["patience"] == 50 and lab.values["l2"] == 0 and lab.values["dropout"] == 0
        assert stepper.cursor == 0
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        assert stepper.current.values["stop"] == "early_stopping"
        curves = app.screen.query_one("LossCurves")
        assert set(curves.series) == {"train_loss", "val_loss"}
        assert all(math.isfinite(y) for s in curves.series.values() for y in s.y)
        fitplot = app.screen.query_one("FitPlot")
        assert len(fitplot.series["points"].x) == 10
        return True

    assert drill("overfitting", ("epochs=400",), size=(100, 32), after=after)


def test_divergence_is_a_clean_stop():
    text = plain("optimizer=sgd", "lr=100")
    k = int(re.search(r"^Diverged at step (\d+)", text, re.M).group(1))
    assert k > 0 and "nan" not in text.split("Diverged")[0]

    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "diverged" and stepper.current.values["step"] == k
        assert f"diverged at step {k}" in stepper.message
        for plot in app.screen.query("LossCurves, FitPlot"):
            assert all(math.isfinite(y) for s in plot.series.values() for y in s.y)
        return True

    assert drill("overfitting", ("optimizer=sgd", "lr=100"), steps=2, after=after)
