"""Lab regression: the closed-form line against np.polyfit, the parabola's gradients and fit,
divergence reported, bad data refused, and the Pilot drill for both modes."""
from __future__ import annotations

import re
from functools import partial

import numpy as np
import pytest

from lab_plain import plain_command
from labs2_pilot import drill, run_to_end

plain = partial(plain_command, "regression")  # plain(*args) -> the finished process


def line_of(out, start):
    return next(line for line in out.stdout.splitlines() if line.startswith(start))


def test_line_matches_polyfit():
    x, y = [1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1]
    out = plain()
    assert out.returncode == 0, out.stderr
    w, b = np.polyfit(x, y, 1)
    best = line_of(out, "Best line")
    got = [float(v) for v in re.findall(r"-?\d+\.\d+", best)]
    assert got == pytest.approx([w, b], abs=1e-6)
    sse = float(re.search(r"E = (\d+\.\d+)", line_of(out, "squared error")).group(1))
    assert sse == pytest.approx(float(np.sum((np.polyval([w, b], x) - y) ** 2)), abs=1e-6)


def test_own_and_noisy_line_match_polyfit():
    out = plain("x=0,1,2,3.5", "y=1,2.5,5,7")
    w, b = np.polyfit([0, 1, 2, 3.5], [1, 2.5, 5, 7], 1)
    got = [float(v) for v in re.findall(r"-?\d+\.\d+", line_of(out, "Best line"))]
    assert got == pytest.approx([w, b], abs=1e-6)
    noisy = plain("noisy=25", "seed=3")
    data = line_of(noisy, "Data")
    xs = [float(v) for v in data.split("x = ")[1].split(";")[0].split(", ")]
    ys = [float(v) for v in data.split("y = ")[1].split(", ")]
    w, b = np.polyfit(xs, ys, 1)
    got = [float(v) for v in re.findall(r"-?\d+\.\d+", line_of(noisy, "Best line"))]
    assert got == pytest.approx([w, b], abs=1e-4)      # the printed data has 6 significant digits


def test_parabola_gradients_and_fit():
    out = plain("mode=quadratic")
    assert out.returncode == 0, out.stderr
    x, y = np.array([-2.0, -1, 0, 1, 2]), np.array([7.0, 3, 1, 1, 3])
    e = 0 * x - y                                    # a = b = c = 0 at the start
    expect = [np.mean(e ** 2), 2 * np.mean(e * x * x), -2 * np.mean(e * x), 2 * np.mean(e)]
    first = line_of(out, "Step 0:")
    got = [float(v) for v in re.findall(r"= (-?\d+\.\d+)", first)[:4]]
    assert got == pytest.approx(expect, abs=1e-6)
    a, b, c = np.polyfit(x, y, 2)                    # the exact least-squares parabola a x² + p x + c
    fitted = [float(v) for v in re.findall(r"= (-?\d+\.\d+)", line_of(out, "Fitted"))[:3]]
    assert fitted == pytest.approx([a, -b, c], abs=1e-5)


def test_parabola_diverges_cleanly_and_bad_data():
    out = plain("mode=quadratic", "lr=0.2")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert re.search(r"Diverged at step \d+", out.stdout.splitlines()[-1])
    assert "nan" not in out.stdout.lower() and "inf" not in out.stdout.lower()
    for args, words in ((("x=1,1", "y=2,3"), "all x are equal"), (("x=1,2", "y=3"), "as many"),
                        (("x=a,b", "y=1,2"), "expected numbers"), (("mode=quadratic", "x=1,2", "y=1,2"), "at least 3")):
        res = plain(*args)
        assert res.returncode == 2 and words in res.stderr and "Traceback" not in res.stderr


def test_regression_line_drill():
    async def after(pilot, app, stepper):
        from tutor.widgets.plot import Plot

        await run_to_end(pilot, stepper)
        fit = app.screen.query_one("#regression-fit", Plot)
        assert fit.series["fit"].y[0] == pytest.approx(1.99 * fit.series["fit"].x[0] + 0.05)
        assert len(app.screen.query_one("#regression-second", Plot).series["residuals"].y) == 5

    drill("regression", (), steps=3, size=(100, 32), after=after)


def test_regression_quadratic_drill_and_divergence():
    async def after(pilot, app, stepper):
        from tutor.widgets.plot import Plot

        await run_to_end(pilot, stepper)
        assert stepper.end == "diverged"
        loss = app.screen.query_one("#regression-second", Plot).series["log10 L"]
        assert all(np.isfinite(loss.y)) and len(loss.y) == len(stepper.history) - 2
        assert "diverged at step" in str(app.screen.query_one("#regression-readout").render())

    drill("regression", ("mode=quadratic", "lr=0.2"), steps=4, size=(100, 32), after=after)


def test_a_negative_intercept_reads_minus():
    import io

    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab("regression").from_tokens(["x=0,1,2", "y=-1,1,3"]).plain(out)
    assert out.getvalue().rstrip().endswith("Best line: y = 2.000000 x - 1.000000")


def test_a_diverging_fit_shows_the_step_before_it_stops():
    import io

    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab("regression").from_tokens(["mode=quadratic", "lr=5"]).plain(out)
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("Diverged at step 6")
    assert lines[-2].startswith("Step 5: ")
