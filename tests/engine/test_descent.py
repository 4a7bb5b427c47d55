import math

import numpy as np
import pytest

from engine.descent import (
    critical_points,
    derivative,
    descend,
    descend2d,
    descent2d_events,
    descent_events,
    fit_quadratic,
    gradient2d,
    least_squares_line,
    linear_approx,
    quadratic_fit_events,
    quadratic_loss_and_grads,
    second_derivative,
)
from engine.expression import parse


def f(x):
    return x ** 2 + np.sin(x)


def seed_loop(lr, min_step, x=4.0, h=1e-6, max_iterations=1000):
    """Seed 004's loop, transcribed line by line, as an independent reference."""
    def grad(x):
        return (f(x + h) - f(x)) / h
    last_gradient = grad(x)
    xs, n = [], 0
    for iteration in range(max_iterations):
        gradient = grad(x)
        if iteration > 0 and gradient * last_gradient < 0:
            lr *= 0.5
        new_x = x - lr * gradient
        if abs(new_x - x) < min_step:
            break
        x = new_x
        last_gradient = gradient
        xs.append(x)
        n += 1
    return x, gradient, xs, n


def test_seed_run_lr_05_to_the_printed_digits():
    r = descend(f, 4.0, lr=0.5, min_step=1e-5)
    assert (f"{r.x:.6f}", f"{r.f:.6f}", f"{r.gradient:.6f}") == ("-0.450197", "-0.232466", "-0.000031")
    assert r.iterations == 10 and r.converged            # printed as Iteration 0 .. Iteration 9
    assert [f"{x:.4f}" for x in r.xs[1:4]] == ["0.3268", "-0.4735", "-0.4593"]
    assert f"{r.gradients[0]:.4f}" == "7.3464"
    assert len(r.halvings) == 1
    halving = r.halvings[0]
    assert halving["iteration"] == 2 and (halving["lr_before"], halving["lr_after"]) == (0.5, 0.25)
    assert (f"{halving['gradient']:.4f}", f"{halving['last_gradient']:.4f}") == ("-0.0571", "1.6007")
    assert list(r.lrs) == [0.5, 0.5] + [0.25] * 8


def test_seed_run_lr_01_to_the_printed_digits():
    r = descend(f, 4.0, lr=0.1, min_step=1e-5)
    assert (f"{r.x:.6f}", f"{r.f:.6f}", f"{r.gradient:.6f}") == ("-0.450145", "-0.232466", "0.000096")
    assert r.iterations == 46 and not r.halvings        # last line printed: Iteration 45
    assert [f"{x:.4f}" for x in r.xs[1:4]] == ["3.2654", "2.7115", "2.2601"]


def test_min_step_from_the_seed_listing_does_not_give_its_printed_numbers():
    r = descend(f, 4.0, lr=0.1, min_step=1e-6)
    assert f"{r.x:.6f}" != "-0.450145"
    assert r.iterations > 46


@pytest.mark.parametrize("lr, min_step", [(0.5, 1e-5), (0.1, 1e-5), (0.1, 1e-6), (0.9, 1e-7)])
def test_matches_a_transcription_of_the_seed_loop(lr, min_step):
    x, gradient, xs, n = seed_loop(lr, min_step)
    r = descend(f, 4.0, lr=lr, min_step=min_step)
    assert r.x == x and r.gradient == gradient and r.iterations == n
    np.testing.assert_array_equal(r.xs[1:], xs)


def test_typed_expression_gives_the_same_run():
    a = descend(parse("x^2 + sin(x)"), 4.0, lr=0.5)
    b = descend(f, 4.0, lr=0.5)
    assert a.x == b.x and a.iterations == b.iterations


def test_events_mirror_the_plain_run():
    events = list(descent_events(f, 4.0, lr=0.5, min_step=1e-5))
    r = descend(f, 4.0, lr=0.5, min_step=1e-5)
    assert events[0].kind == "info" and events[0].values["what"] == "start"
    iterations = [e for e in events if e.kind == "iteration"]
    assert [e.values["x"] for e in iterations] == list(r.xs[1:])
    halvings = [e for e in events if e.kind == "info" and e.values.get("what") == "halve"]
    assert len(halvings) == 1 and halvings[0].values["lr_after"] == 0.25
    assert events.index(halvings[0]) == events.index(iterations[2]) - 1   # announced before iteration 2
    assert events[-1].kind == "done" and events[-1].values["x"] == r.x
    assert [e.step for e in events] == list(range(len(events)))
    assert "4.0000 - 0.5000 \\cdot 7.3464 = 0.3268" in iterations[0].formula


def test_divergence_is_reported_and_never_yields_nan():
    events = list(descent_events(lambda x: x ** 2, 4.0, lr=1e6))
    assert events[-1].kind == "diverged" and "step" in events[-1].values
    for e in events:
        for v in e.values.values():
            if isinstance(v, float):
                assert math.isfinite(v)
    r = descend(lambda x: x ** 2, 4.0, lr=1e6)
    assert r.diverged and not r.converged and np.all(np.isfinite(r.xs))
    start = list(descent_events(parse("log(x)"), -1.0))
    assert [e.kind for e in start] == ["diverged"]


def test_max_iterations_stops_without_converging():
    r = descend(lambda x: x, 0.0, lr=0.1, max_iterations=5)     # a slope that never ends
    assert r.iterations == 5 and not r.converged and r.reason == "max_iterations"
    assert r.x == pytest.approx(-0.5, abs=1e-6)


def test_bad_settings_are_rejected():
    with pytest.raises(ValueError):
        descend(f, 4.0, lr=0)
    with pytest.raises(ValueError):
        descend(f, 4.0, h=0)


def test_derivatives():
    assert derivative(f, 1.0, method="central") == pytest.approx(2 + math.cos(1), abs=1e-8)
    assert derivative(f, 1.0, method="forward") == pytest.approx(2 + math.cos(1), abs=1e-5)
    # central differences are the more accurate of the two
    exact = 2 + math.cos(1)
    assert abs(derivative(f, 1.0, h=1e-3, method="central") - exact) < abs(derivative(f, 1.0, h=1e-3) - exact)
    assert second_derivative(f, 1.0) == pytest.approx(2 - math.sin(1), abs=1e-5)
    with pytest.raises(ValueError):
        derivative(f, 1.0, method="backward")


def test_gradient_of_the_seed_two_variable_function():
    g = parse("x^2 + y^2 - 2x y")
    assert g(x=1, y=2) == 1.0
    grad = gradient2d(g, 1.0, 2.0)
    np.testing.assert_allclose(grad, [-2.0, 2.0], atol=1e-6)
    assert f"{np.linalg.norm(grad):.3f}" == "2.828"


def test_descent_in_two_dimensions():
    bowl = lambda x, y: (x - 1) ** 2 + 2 * (y + 2) ** 2
    r = descend2d(bowl, 3.0, 3.0, lr=0.1, min_step=1e-7)
    np.testing.assert_allclose(r.x, [1.0, -2.0], atol=1e-4)
    assert r.xs.shape == (r.iterations + 1, 2) and r.gradients.shape == (r.iterations, 2)
    events = list(descent2d_events(bowl, 3.0, 3.0, lr=0.1, min_step=1e-7))
    assert events[-1].kind == "done"
    its = [e for e in events if e.kind == "iteration"]
    assert len(its) == r.iterations
    assert its[0].values["grad_norm"] == pytest.approx(math.hypot(4, 20), rel=1e-5)


def test_tangent_line_approximation():
    assert f"{linear_approx(np.sqrt, 4.0, 4.01):.4f}" == "2.0025"
    assert linear_approx(np.sqrt, 4.0, 4.01) == pytest.approx(2.0025, abs=1e-9)


def test_critical_points_of_the_seed_quartic():
    points = critical_points([1, -4, -2, 12, 5])
    assert [round(x, 9) for x, _ in points] == [-1.0, 1.0, 3.0]
    assert [kind for _, kind in points] == ["minimum", "maximum", "minimum"]
    assert critical_points([1, 0, 1]) == [(0.0, "minimum")]
    assert critical_points([1, 0, 1, 0]) == []         # 3x² + 1 has no real zero


def test_least_squares_line_matches_polyfit():
    rng = np.random.default_rng(3)
    x = rng.uniform(-3, 3, 40)
    y = 1.5 * x - 0.7 + rng.normal(0, 0.3, 40)
    slope, intercept = least_squares_line(x, y)
    np.testing.assert_allclose([slope, intercept], np.polyfit(x, y, 1), rtol=1e-10)
    assert least_squares_line([0, 1, 2], [1, 3, 5]) == pytest.approx((2.0, 1.0))
    with pytest.raises(ValueError):
        least_squares_line([1, 1], [0, 2])


def test_quadratic_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-2, 2, 15), rng.normal(size=15)
    a, b, c, h = 0.3, -0.8, 1.1, 1e-6
    loss, dA, dB, dC = quadratic_loss_and_grads(x, y, a, b, c)
    L = lambda a, b, c: quadratic_loss_and_grads(x, y, a, b, c)[0]
    assert dA == pytest.approx((L(a + h, b, c) - L(a - h, b, c)) / (2 * h), rel=1e-6)
    assert dB == pytest.approx((L(a, b + h, c) - L(a, b - h, c)) / (2 * h), rel=1e-6)
    assert dC == pytest.approx((L(a, b, c + h) - L(a, b, c - h)) / (2 * h), rel=1e-6)


def test_quadratic_fit_reaches_the_least_squares_answer():
    rng = np.random.default_rng(1)
    x = np.linspace(-2, 2, 30)
    y = 2 * x ** 2 - 3 * x + 1 + rng.normal(0, 0.1, 30)     # a=2, b=3, c=1 in a x² - b x + c
    fit = fit_quadratic(x, y, lr=0.05, steps=4000)
    pa, pb, pc = np.polyfit(x, y, 2)
    np.testing.assert_allclose([fit.a, -fit.b, fit.c], [pa, pb, pc], atol=1e-4)
    assert np.all(np.diff(fit.losses) <= 1e-12)               # small lr: the loss never rises
    events = list(quadratic_fit_events(x, y, lr=0.05, steps=20))
    assert [e.kind for e in events] == ["update"] * 20 + ["done"]
    assert events[0].values["loss"] == pytest.approx(np.mean(y ** 2))
    bad = list(quadratic_fit_events(x, y, lr=10.0, steps=200))
    assert bad[-1].kind == "diverged" and fit_quadratic(x, y, lr=10.0, steps=200).diverged


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(text=st.sampled_from(["x^2 + sin(x)", "x^3", "1/x", "log(x)", "sqrt(x)", "exp(x)", "abs(x)",
                             "-x^2", "x^4 - 4x^3 - 2x^2 + 12x + 5", "cos(3x) + x/10"]),
       x0=st.floats(-50, 50), lr=st.floats(1e-3, 100), halve=st.booleans())
def test_events_never_carry_nan(text, x0, lr, halve):
    events = list(descent_events(parse(text), x0, lr=lr, max_iterations=200, halve=halve))
    assert events[-1].kind in ("done", "diverged")
    assert sum(e.kind in ("done", "diverged") for e in events) == 1
    for e in events:
        for key, v in e.values.items():
            if isinstance(v, float):
                assert math.isfinite(v), (e, key)


def test_no_false_minimum_when_x_plus_h_rounds_to_x():
    # plain descent with a too-large rate runs away; far out f(x+h) - f(x) = 0 would look flat
    r = descend(lambda x: x ** 2, 4.0, lr=1.5, halve=False)
    assert r.diverged and not r.converged
