"""Lab gradient2d: the course's numbers at (1, 2) recomputed by hand, descent, keys and the map."""
from __future__ import annotations

import math
import re
from functools import partial

import pytest

from lab_plain import plain_command
from labs2_pilot import drill

plain = partial(plain_command, "gradient2d")  # plain(*args) -> the finished process


def value(text: str, key: str) -> float:
    return float(re.search(re.escape(key) + r" = (-?\d+\.\d+)", text).group(1))


def test_course_point_1_2():
    out = plain()
    assert out.returncode == 0, out.stderr
    f = lambda x, y: x * x + y * y - 2 * x * y          # noqa: E731
    x, y = 1.0, 2.0
    gx, gy = 2 * x - 2 * y, 2 * y - 2 * x               # the partial derivatives by hand
    assert value(out.stdout, "f(1, 2)") == pytest.approx(f(x, y), abs=1e-6)
    assert value(out.stdout, "df/dx") == pytest.approx(gx, abs=1e-6)
    assert value(out.stdout, "df/dy") == pytest.approx(gy, abs=1e-6)
    norm = value(out.stdout, "|gradient|")
    assert norm == pytest.approx(math.hypot(gx, gy), abs=1e-6) and f"{norm:.3f}" == "2.828"
    # the first descent step goes against the gradient: (1, 2) - 0.1 * (-2, 2)
    first = next(line for line in out.stdout.splitlines() if line.startswith("Iteration 0"))
    assert "(x, y) = (1.2000, 1.8000)" in first
    last = out.stdout.splitlines()[-1]
    assert last.startswith("Minimum found")
    xs = [float(v) for v in re.search(r"\(x, y\) = \((-?\d+\.\d+), (-?\d+\.\d+)\)", last).groups()]
    assert xs[0] == pytest.approx(xs[1], abs=1e-4)      # the valley floor y = x
    assert f(*xs) < 1e-8


def test_other_function_and_bad_input():
    out = plain("f=x^2 + 3y^2", "x0=2", "y0=1", "lr=0.1")
    assert out.returncode == 0, out.stderr
    assert value(out.stdout, "df/dx") == pytest.approx(4.0, abs=1e-6)
    assert value(out.stdout, "df/dy") == pytest.approx(6.0, abs=1e-6)
    bad = plain("f=x^2 + z")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "'z'" in bad.stderr
    undefined = plain("f=log(x) + y", "x0=-1")
    assert undefined.returncode == 2 and "not defined" in undefined.stderr


def test_no_nan_when_far_out():
    out = plain("f=exp(x*y)", "x0=2", "y0=2", "lr=1", "max_iter=50")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "nan" not in out.stdout.lower()


def test_gradient2d_keys_and_panel():
    async def after(pilot, app, stepper):
        from tutor.labs.gradient2d.view import FieldMap, Gradient2dPanel

        panel = app.screen.query_one(Gradient2dPanel)
        await pilot.press("0")
        await pilot.pause()
        assert panel.point == (1.0, 2.0)
        await pilot.press("l", "k")
        await pilot.pause()
        assert panel.point == pytest.approx((1.0 + panel.step, 2.0 + panel.step))
        text = str(panel.query_one("#gradient2d-readout").render())
        assert "∂f/∂x" in text and "|∇f|" in text
        fmap = panel.query_one(FieldMap)
        assert fmap._cache is not None and fmap._cache[0] >= 8    # the map was drawn

    drill("gradient2d", (), size=(100, 32), after=after)


def test_gradient2d_diverging_run_is_reported_in_the_panel():
    async def after(pilot, app, stepper):
        from tutor.labs.gradient2d.view import Gradient2dPanel

        from labs2_pilot import run_to_end

        await run_to_end(pilot, stepper)
        assert stepper.end == "diverged"
        panel = app.screen.query_one(Gradient2dPanel)
        assert "diverged at step 0" in str(panel.query_one("#gradient2d-readout").render())
        assert all(math.isfinite(v) for p in panel.path for v in p)

    drill("gradient2d", ("f=exp(x*y)", "x0=2", "y0=2", "lr=1"), steps=3, size=(100, 32), after=after)


def test_a_path_that_runs_off_the_map_is_cut_to_it():
    """A diverging run (f=x^4+y^2-3*x*y lr=2) steps to x ≈ 2.4·10⁸: the map once sampled the
    whole segment, one float per pixel — 11.7 GiB — and the app was killed for memory."""
    from tutor.labs.gradient2d.view import line_pixels

    far = line_pixels(10.0, 10.0, -744.0, 2.4e8, 40)
    assert 0 < len(far) <= 2 * 40 and all(0 <= r < 40 and 0 <= c < 40 for r, c in far)
    assert (10, 10) in far and max(c for _, c in far) == 39          # from the point to the edge
    assert line_pixels(-5.0, -5.0, -9e9, 9e9, 40) == []                # wholly off the map
    inside = line_pixels(2.0, 3.0, 30.0, 20.0, 40)                    # on the map: every pixel, in order
    assert inside[0] == (2, 3) and inside[-1] == (30, 20) and len(set(inside)) >= 29
