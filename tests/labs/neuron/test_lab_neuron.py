"""Lab neuron: truth tables recomputed by hand, the source's b = -1 example on the threshold,
the sigmoid example, and keys that nudge the bias (the run restarts with it)."""
from __future__ import annotations

import math
from functools import partial

import pytest

from lab_plain import plain_command
from labs2_pilot import drill

INPUTS = [(0, 0), (0, 1), (1, 0), (1, 1)]


plain = partial(plain_command, "neuron")  # plain(*args) -> the finished process


def rows(out) -> list[tuple[float, float, int]]:
    """(u, y, out) of the four table rows."""
    found = []
    for line in out.stdout.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 5 and parts[1] not in ("u",):
            found.append((float(parts[1]), float(parts[2]), int(parts[3])))
    return found


@pytest.mark.parametrize("w1, w2, b, gate", [(1, 1, -1.5, "AND"), (1, 1, -0.5, "OR"), (-1, -1, 1.5, "NAND")])
def test_gates_by_hand(w1, w2, b, gate):
    out = plain(f"w1={w1}", f"w2={w2}", f"b={b}")
    assert out.returncode == 0, out.stderr
    got = rows(out)
    expect_u = [w1 * x1 + w2 * x2 + b for x1, x2 in INPUTS]
    assert [u for u, _, _ in got] == pytest.approx(expect_u)
    assert [o for _, _, o in got] == [int(u > 0) for u in expect_u]
    assert f"computes {gate}" in out.stdout


def test_source_example_b_minus_one_sits_on_the_threshold():
    strict, loose = plain("b=-1"), plain("b=-1", "activation=step0")
    assert [u for u, _, _ in rows(strict)] == [-1.0, 0.0, 0.0, 1.0]     # (0, 0) gives -1, not 0
    assert "computes AND" in strict.stdout and "computes OR" in loose.stdout
    assert "(0, 1), (1, 0) give u = 0" in strict.stdout
    assert "Threshold: fires when w1 x1 + w2 x2 > -b = 1" in strict.stdout


def test_sigmoid_neuron_of_the_lesson():
    out = plain("w1=0.4", "w2=-0.2", "b=0.1", "activation=sigmoid")
    u, y, _ = rows(out)[2]                # input (1, 0)
    assert u == pytest.approx(0.5) and y == pytest.approx(1 / (1 + math.exp(-0.5)), abs=5e-5)
    bad = plain("activation=relu")
    assert bad.returncode == 2 and "choose one of" in bad.stderr


def test_neuron_keys_nudge_the_bias():
    async def after(pilot, app, stepper):
        from tutor.labs.neuron.view import NeuronPanel

        panel = app.screen.query_one(NeuronPanel)
        lab = panel.lab
        assert lab.values["b"] == -1.0
        await pilot.press("l")                       # b: -1 -> -0.9, the run restarts
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert lab.values["b"] == pytest.approx(-0.9)
        assert stepper.cursor == 0 and "(-0.90)" in stepper.current.formula
        assert lab.table().gates == ["OR"]
        await pilot.press("w")                       # pick w1, nudge it down twice
        await pilot.press("h", "h")
        await pilot.app.workers.wait_for_complete()
        assert lab.values["w1"] == pytest.approx(0.8)
        assert stepper.current.values["w1"] == pytest.approx(0.8)

    drill("neuron", ("b=-1",), size=(100, 32), after=after)


def test_the_threshold_reads_as_the_activation_fires():
    import io

    from tutor.labs import get_lab

    def threshold(activation):
        out = io.StringIO()
        get_lab("neuron").from_tokens([f"activation={activation}", "b=-1"]).plain(out)
        return next(line for line in out.getvalue().splitlines() if line.startswith("Threshold"))

    assert "> -b = 1" in threshold("step")
    assert ">= -b = 1" in threshold("step0")
    assert ">= -b = 1" in threshold("sigmoid")        # σ(0) = 0.5 reads as 1
