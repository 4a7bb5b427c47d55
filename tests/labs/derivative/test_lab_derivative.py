"""Lab derivative: --plain numbers recomputed here, the Pilot key drill, h/l move the point."""
from __future__ import annotations

import math
import re
from functools import partial

import numpy as np
import pytest

from lab_plain import plain_command
from labs2_pilot import drill

plain = partial(plain_command, "derivative")  # plain(*args) -> the finished process


def numbers(line: str) -> list[float]:
    return [float(s) for s in re.findall(r"-?\d+\.\d+(?:e[-+]\d+)?", line)]


def test_sqrt_linear_approximation():
    out = plain("preset=sqrt")
    assert out.returncode == 0, out.stderr
    approx = next(line for line in out.stdout.splitlines() if line.startswith("Linear approximation"))
    m = re.search(r"= (-?\d+\.\d+); exact f\(4\.01\) = (-?\d+\.\d+)", approx)
    estimate, exact = float(m.group(1)), float(m.group(2))
    # the tangent of sqrt at 4 has slope 1/(2*sqrt(4)) = 0.25
    assert estimate == pytest.approx(2 + 0.25 * 0.01, abs=5e-7)
    assert exact == pytest.approx(math.sqrt(4.01), abs=5e-7)
    assert f"{estimate:.4f}" == "2.0025"
    assert "concave" in out.stdout.lower() and "convex" not in out.stdout.lower()


def test_quartic_critical_points_and_bends():
    out = plain()          # the default preset is the course's quartic
    assert out.returncode == 0, out.stderr
    coeffs = [1, -4, -2, 12, 5]
    d1, d2 = np.polyder(coeffs), np.polyder(coeffs, 2)
    roots = sorted(np.roots(d1).real)
    crit = [line for line in out.stdout.splitlines() if line.startswith("Critical point")]
    assert len(crit) == 3
    for line, r in zip(crit, roots):
        x, bend = numbers(line)[:2]
        assert x == pytest.approx(r, abs=1e-6)
        assert bend == pytest.approx(np.polyval(d2, r), abs=1e-3)
        assert ("minimum" if np.polyval(d2, r) > 0 else "maximum") in line
    inflections = sorted(np.roots(d2).real)
    found = [numbers(line)[0] for line in out.stdout.splitlines() if line.startswith("Inflection")]
    assert found == pytest.approx(inflections, abs=1e-5)
    shape = out.stdout.splitlines()[-1]
    assert shape.startswith("Convex") and "concave" in shape


def test_cube_has_a_flat_point_that_is_no_extremum():
    out = plain("preset=cube")
    crit = [line for line in out.stdout.splitlines() if line.startswith("Critical point")]
    assert len(crit) == 1 and "no extremum" in crit[0]


def test_a_pole_is_no_inflection_point():
    out = plain("f=1/x")
    assert out.returncode == 0, out.stderr
    assert not any(line.startswith(("Inflection", "Critical")) for line in out.stdout.splitlines())
    shape = out.stdout.splitlines()[-1]
    assert "convex (f'' > 0) on [0.01, 3]".lower() in shape.lower() and "concave (f'' < 0) on [-3, -0.01]" in shape


def test_typed_function_and_bad_input():
    out = plain("f=x^3 - 3x", "x0=2")
    assert out.returncode == 0, out.stderr
    tangent = next(line for line in out.stdout.splitlines() if line.startswith("Tangent"))
    f0, slope, bend = [float(v) for v in re.findall(r"= (-?\d+\.\d+)", tangent)[:3]]
    assert (f0, slope, bend) == pytest.approx((2.0, 9.0, 12.0), abs=1e-4)
    kinds = [line.split(",")[1].strip() for line in out.stdout.splitlines() if line.startswith("Critical")]
    assert kinds == ["maximum", "minimum"]
    for bad, word in (("f=x^2 + sni(x)", "did you mean sin"), ("preset=ln", None)):
        args = [bad] + (["x0=-1"] if word is None else [])
        res = plain(*args)
        assert res.returncode == 2 and "Traceback" not in res.stderr
        assert (word or "not defined") in res.stderr


def test_derivative_keys_and_panel():
    async def after(pilot, app, stepper):
        from tutor.labs.derivative.view import DerivativePanel

        panel = app.screen.query_one(DerivativePanel)
        await pilot.press("0")
        await pilot.pause()
        start = panel.x0
        await pilot.press("l", "l")
        await pilot.pause()
        assert panel.x0 == pytest.approx(start + 2 * panel.step)
        await pilot.press("h")
        await pilot.pause()
        assert panel.x0 == pytest.approx(start + panel.step)
        readout = str(panel.query_one("#derivative-readout").render())
        assert "h/l" in readout and "f'(x0)" in readout
        # stepping to a critical point moves the point there
        while stepper.current.values.get("what") != "critical":
            stepper.action_step()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        assert panel.x0 == pytest.approx(-1.0, abs=1e-9)

    drill("derivative", (), size=(100, 32), after=after)


def test_plain_writes_signs_as_a_reader_would():
    import io

    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab("derivative").from_tokens(["x0=-1"]).plain(out)
    text = out.getvalue()
    assert "*(x + 1)" in text and "(-0.9 + 1)" in text
    assert "+ -" not in text and "- -" not in text
