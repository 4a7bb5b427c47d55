"""Lab activations: f(z), f'(z) and the flat parts recomputed with plain formulas here,
softmax's first output, bad input, and the Pilot drill with the z cursor and α keys."""
from __future__ import annotations

import math
import re
from functools import partial

import pytest

from lab_plain import plain_command
from labs2_pilot import drill

plain = partial(plain_command, "activations")  # plain(*args) -> the finished process


def reading(out, name: str) -> dict:
    line = next(line for line in out.stdout.splitlines() if line.startswith(name + ":") or line.startswith(name + " ("))
    numbers = line.split("): ", 1)[-1] if line.startswith(name + " (") else line
    f, fp, top = [float(v) for v in re.findall(r"= (-?\d+\.\d+)", numbers)[:3]]
    return {"f": f, "fp": fp, "top": top, "flat": line.split("flat: ")[1]}


def sig(z):
    return 1 / (1 + math.exp(-z))


def test_values_and_slopes_at_the_cursor():
    z = 1.5
    out = plain(f"z={z}")
    assert out.returncode == 0, out.stderr
    s = sig(z)
    expect = {
        "sigmoid": (s, s * (1 - s), 0.25),
        "tanh": (math.tanh(z), 1 - math.tanh(z) ** 2, 1.0),
        "relu": (z, 1.0, 1.0),
        "leaky_relu": (z, 1.0, 1.0),
        "elu": (z, 1.0, 1.0),
    }
    for name, (f, fp, top) in expect.items():
        r = reading(out, name)
        assert (r["f"], r["fp"], r["top"]) == pytest.approx((f, fp, top), abs=2e-6), name
    c = math.sqrt(2 / math.pi)
    t = math.tanh(c * (z + 0.044715 * z ** 3))
    assert reading(out, "gelu")["f"] == pytest.approx(0.5 * z * (1 + t), abs=1e-6)
    # softmax of (z, 1, 0): the first output
    s1 = math.exp(z) / (math.exp(z) + math.e + 1)
    r = reading(out, "softmax")
    assert (r["f"], r["fp"]) == pytest.approx((s1, s1 * (1 - s1)), abs=1e-6)


def test_flat_parts_where_the_slope_drops_below_001():
    out = plain()
    # sigmoid: s(1 - s) = 0.01 at s = (1 + sqrt(0.96)) / 2; tanh: 1 - t² = 0.01 at t = sqrt(0.99)
    zs = math.log(((1 + math.sqrt(0.96)) / 2) / ((1 - math.sqrt(0.96)) / 2))
    zt = math.atanh(math.sqrt(0.99))
    for name, edge in (("sigmoid", zs), ("tanh", zt)):
        flat = reading(out, name)["flat"]
        found = [abs(float(v)) for v in re.findall(r"-?\d+\.\d+", flat)]
        assert found == pytest.approx([edge, edge], abs=1e-4), name
    assert reading(out, "elu")["flat"] == f"z < {math.log(0.01):.4f}"     # α e^z = 0.01
    assert reading(out, "leaky_relu")["flat"] == "nowhere"                # its slope is exactly 0.01
    assert reading(out, "relu")["flat"] == "z < 0.0000"
    small = plain("fn=leaky_relu", "alpha=0.005")
    assert reading(small, "leaky_relu (alpha = 0.005)")["flat"] == "z < 0.0000"


def test_extreme_cursor_and_bad_input():
    out = plain("z=10000")
    assert out.returncode == 0 and "nan" not in out.stdout.lower() and "Traceback" not in out.stderr
    for args, words in ((("fn=swish",), "choose one of"), (("others=a",), "expected numbers"),
                        (("z=nan",), "must be a finite number")):
        res = plain(*args)
        assert res.returncode == 2 and words in res.stderr


def test_activations_cursor_and_alpha_keys():
    async def after(pilot, app, stepper):
        from tutor.labs.activations.view import ActivationsPanel

        panel = app.screen.query_one(ActivationsPanel)
        await pilot.press("0")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert panel.fn == "sigmoid"
        await pilot.press("h", "h")
        assert panel.z == pytest.approx(1.5)
        text = str(panel.query_one("#activations-readout").render())
        assert f"{sig(1.5):.4f}" in text
        while stepper.current.values.get("name") != "elu":      # step to ELU, then double its α
            stepper.action_step()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        assert panel.fn == "elu"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert panel.alphas["elu"] == pytest.approx(2.0)
        assert "α = 2" in panel.query_one("#activations-plot").title

    drill("activations", (), size=(100, 32), after=after)
