"""Lab optimizers: one step of each rule by hand (Adam with its bias correction), divergence, the map."""
from __future__ import annotations

import math
import re
from functools import partial

import numpy as np

from lab_plain import plain_text
from labs2_pilot import drill, run_to_end

plain = partial(plain_text, "optimizers")  # plain(*tokens) -> the printed text


def pair_after(line: str, key: str) -> np.ndarray:
    m = re.search(rf"(?<![\w_]){key} = \(([-0-9.e+]+), ([-0-9.e+]+)\)", line)
    assert m, (key, line)
    return np.array([float(m.group(1)), float(m.group(2))])


def detail(text: str, name: str) -> str:
    return re.search(rf"^  {name}\s.*$", text, re.M).group(0)


def test_first_step_of_each_rule_by_hand():
    x, y = 0.5, -0.3
    text = plain("surface=rosenbrock", f"start={x},{y}", "lr=0.01", "steps=3")
    g = np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])    # ∇f, by hand
    theta0, eta = np.array([x, y]), 0.01
    line = detail(text, "Adam")
    m, v = 0.1 * g, 0.001 * g * g                 # β₁ = 0.9, β₂ = 0.999, from zero
    m_hat, v_hat = m / (1 - 0.9), v / (1 - 0.999)
    assert np.allclose(pair_after(line, "g"), g, rtol=1e-5)
    assert np.allclose(pair_after(line, "m"), m, rtol=1e-5)
    assert np.allclose(pair_after(line, "v"), v, rtol=1e-5)
    assert np.allclose(pair_after(line, "m_hat"), m_hat, rtol=1e-5)
    assert np.allclose(pair_after(line, "v_hat"), v_hat, rtol=1e-5)
    assert np.allclose(pair_after(line, "theta"), theta0 - eta * m_hat / (np.sqrt(v_hat) + 1e-8), rtol=1e-5)
    assert np.allclose(pair_after(detail(text, "SGD"), "theta"), theta0 - eta * g, rtol=1e-5)
    assert np.allclose(pair_after(detail(text, "Momentum"), "theta"), theta0 - eta * g, rtol=1e-5)
    r = g * g
    assert np.allclose(pair_after(detail(text, "AdaGrad"), "theta"), theta0 - eta * g / (1e-8 + np.sqrt(r)), rtol=1e-5)
    r = 0.1 * g * g
    assert np.allclose(pair_after(detail(text, "RMSProp"), "r"), r, rtol=1e-5)
    assert np.allclose(pair_after(detail(text, "RMSProp"), "theta"), theta0 - eta * g / np.sqrt(r + 1e-8), rtol=1e-5)


def test_sgd_diverges_at_the_step_the_bowl_predicts():
    text = plain("lr=5")
    # y ← y − 5·10y = −49y from y = 1: |y| passes 10⁶ at the first k with 49^k > 10⁶
    k = next(k for k in range(1, 20) if 49 ** k > 1e6)
    assert re.search(rf"SGD .*\(diverged at step {k}\)", text)
    assert "nan" not in text


def test_bad_start_is_a_clear_message():
    import pytest

    from tutor.labs import LabError, get_lab

    with pytest.raises(LabError, match="start="):
        get_lab("optimizers").from_tokens(["start=1"])


def test_drill_map_and_state():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        image = app.screen.query_one("SurfaceMap").data
        for colour in range(8, 13):                       # every optimizer's path is on the map
            assert (image == colour).any(), colour
        text = str(app.screen.query_one("TextPanel").render())
        assert "m̂=" in text and "v̂=" in text and "r=" in text
        return True

    assert drill("optimizers", ("steps=30",), size=(100, 32), after=after)


def test_drill_divergence_and_saddle_leave_no_nan():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        assert any("diverged at step" in e.label for e in stepper.history)
        for s in app.screen.query_one("ValuePlot").series.values():
            assert all(math.isfinite(y) for y in s.y)
        return True

    assert drill("optimizers", ("lr=5", "steps=20"), after=after)
    assert drill("optimizers", ("surface=saddle",), steps=2, after=None) is None
