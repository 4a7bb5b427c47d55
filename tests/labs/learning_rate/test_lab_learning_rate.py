"""Lab learning-rate: λ_max, final losses and the divergence step recomputed by a hand loop; Pilot drill."""
from __future__ import annotations

import math
import re
from functools import partial

import numpy as np

from tutor.labs.learning_rate import RatesValues

from lab_plain import plain_text
from labs2_pilot import drill, run_to_end

plain = partial(plain_text, "learning-rate")  # plain(*tokens) -> the printed text


def data(seed=0):
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 3.0, 20)
    return x, 2.0 * x + 1.0 + rng.normal(0.0, 0.3, 20)


def hand_descent(eta, steps, seed=0):
    """w, b by the textbook update on E = 1/(2n) Σ (w x + b − y)²; returns (final E, diverged step)."""
    x, y = data(seed)
    w = b = 0.0
    E0 = 0.5 * np.mean(y ** 2)
    for t in range(1, steps + 1):
        r = w * x + b - y
        w, b = w - eta * np.mean(r * x), b - eta * np.mean(r)
        E = 0.5 * np.mean((w * x + b - y) ** 2)
        if E > 1e6 * E0:
            return E, t
    return E, None


def test_plain_lambda_and_each_rate():
    text = plain("lrs=0.02,0.25,0.5,0.6", "steps=60")
    x, _ = data()
    lam = max(np.linalg.eigvalsh(np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1]])))
    assert math.isclose(float(re.search(r"lambda_max = ([0-9.]+)", text).group(1)), lam, rel_tol=1e-5)
    assert math.isclose(float(re.search(r"2/lambda_max = ([0-9.]+)", text).group(1)), 2 / lam, rel_tol=1e-5)
    for eta in (0.02, 0.25, 0.5, 0.6):
        E, k = hand_descent(eta, 60)
        line = re.search(rf"^eta = {eta:g}: .*$", text, re.M).group(0)
        if k is None:
            assert math.isclose(float(re.search(r"final E = ([0-9.]+)", line).group(1)), E, rel_tol=1e-4)
        else:
            assert f"diverged at step {k}" in line
    assert "(diverges), diverged at step" in text and "(too small), final E" in text


def test_bad_rates_are_a_clear_message():
    import pytest

    from tutor.labs import LabError, get_lab

    for bad in ("lrs=fast", "lrs=-1", "lrs=0"):
        with pytest.raises(LabError, match="lrs="):
            get_lab("learning-rate").from_tokens([bad])


def test_drill_divergence_labelled_and_no_nan_in_plot():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        _, k = hand_descent(RatesValues.of(stepper.history[-1]).runs[3].lr, 50)
        assert k is not None
        assert any(f"diverged at step {k}" in e.label for e in stepper.history)
        plot = app.screen.query_one("RatesPlot")
        assert len(plot.series) == 4
        for s in plot.series.values():
            assert s.y and all(math.isfinite(y) for y in s.y)
        assert max(plot.series["r3"].x) == k - 1      # the diverged line ends before step k
        return True

    assert drill("learning-rate", (), size=(100, 32), after=after)


def test_all_diverged_ends_with_a_diverged_event():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "diverged"
        _, k = hand_descent(3.0, 50)
        assert stepper.current.values["step"] == k
        return True

    assert drill("learning-rate", ("lrs=3",), steps=2, after=after)


def test_plain_table_headings_stand_over_their_columns():
    import io
    import re

    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab("learning-rate")().plain(out)
    lines = out.getvalue().splitlines()
    head = next(i for i, line in enumerate(lines) if line.lstrip().startswith("step"))
    starts = [m.start() for m in re.finditer(r"eta=", lines[head])]
    row = lines[head + 1]
    assert starts == [m.start() for m in re.finditer(r"(?<=  )\S", row)][1:len(starts) + 1]   # after the step
