"""Lab backprop: the classic 2-2-2 numbers recomputed by hand, the app's run, and the Pilot drill."""
from __future__ import annotations

import io
import math

import numpy as np

from labs2_pilot import drill, run_to_end, screen_text


def by_hand(iterations: int, lr: float = 0.5):
    """The classic example written out with plain numpy (no engine): E before each update, final weights."""
    i, t = np.array([0.05, 0.10]), np.array([0.01, 0.99])
    W1, W2 = np.array([[0.15, 0.20], [0.25, 0.30]]), np.array([[0.40, 0.45], [0.50, 0.55]])
    errors = []
    for _ in range(iterations):
        out_h = 1 / (1 + np.exp(-(W1 @ i + 0.35)))
        out_o = 1 / (1 + np.exp(-(W2 @ out_h + 0.60)))
        errors.append(float(0.5 * np.sum((t - out_o) ** 2)))
        d_o = (out_o - t) * out_o * (1 - out_o)
        d_h = (W2.T @ d_o) * out_h * (1 - out_h)
        W2 = W2 - lr * np.outer(d_o, out_h)
        W1 = W1 - lr * np.outer(d_h, i)
    return errors, W1, W2


def test_plain_has_the_classic_numbers():
    from tutor.labs import get_lab

    errors, W1, W2 = by_hand(1)
    out = io.StringIO()
    get_lab("backprop")().plain(out)
    text = out.getvalue()
    assert f"E_total = {errors[0]:.9f}" in text            # 0.298371109
    assert f"w5 = {W2[0, 0]:.9f}" in text                  # 0.358916480
    assert f"w1 = {W1[0, 0]:.9f}" in text                  # 0.149780716
    assert f"out_h1 = {1 / (1 + math.exp(-0.3775)):.9f}" in text


def test_app_run_plots_the_total_error_for_many_iterations():
    from tutor.labs import get_lab

    errors, W1, W2 = by_hand(10000)
    events = list(get_lab("backprop").from_tokens(["iterations=10000"]).run())
    detailed = [e for e in events if e.values.get("iteration") == 1 and e.kind != "info"]
    assert [e.kind for e in detailed] == ["forward"] * 4 + ["loss"] + ["backward"] * 4 + ["update"] * 2
    summary = [e for e in events if e.kind == "iteration"]
    assert 100 <= len(summary) <= 210
    last = summary[-1].values
    assert last["iteration"] == 10000
    assert last["E_total"] == __import__("pytest").approx(errors[-1], rel=1e-9)   # 0.0000351085, as published
    assert f"{last['E_total']:.10f}" == "0.0000351085"
    assert events[-1].kind == "done" and events[-1].values["w5"] == __import__("pytest").approx(W2[0, 0])


def test_backprop_keys_diagram_and_chain_rule():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        await pilot.pause(0.4)
        text = screen_text(app)
        assert "i1 0.0500" in text and "w8 h2→o2" in text
        plot = app.screen.query_one("#backprop-error")
        assert plot.series["E_total"].x == list(range(1, 21))   # iteration 1 (loss event), then 2..20
        # step back to the backward pass through Dense 2: ∂E/∂w5 is written out
        while stepper.current.label != "Dense 2 backward":
            await pilot.press("left")
            await pilot.pause()
        await pilot.pause()
        chain = str(app.screen.query_one("#backprop-chain").content)
        assert "∂E/∂w5 = ∂E/∂net_o1 · out_h1 = 0.138499 × 0.593270 = 0.082167" in chain
        return True

    assert drill("backprop", ("iterations=20",), steps=4, size=(100, 32), after=after)
