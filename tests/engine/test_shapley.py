"""Exact Shapley values against their definition and known cases."""
import numpy as np
import pytest

from engine.shapley import shapley_values


def test_linear_model_gets_weight_times_difference():
    w, b = np.array([2.0, -1.0, 0.5]), 0.3
    f = lambda z: float(w @ z + b)  # noqa: E731
    x, base = np.array([1.0, 2.0, 4.0]), np.zeros(3)
    assert shapley_values(f, x, base) == pytest.approx(w * (x - base))


def test_interaction_is_shared_and_values_add_up():
    f = lambda z: float(z[0] * z[1] + z[2])  # noqa: E731
    x, base = np.array([1.0, 1.0, 1.0]), np.zeros(3)
    phi = shapley_values(f, x, base)
    # x0·x1 appears only when both are present: half each, by symmetry
    assert phi == pytest.approx([0.5, 0.5, 1.0])
    assert phi.sum() == pytest.approx(f(x) - f(base))


def test_three_features_by_the_order_average():
    f = lambda z: float(max(z[0], z[1]) + z[0] * z[2])  # noqa: E731
    x, base = np.array([1.0, 2.0, 3.0]), np.zeros(3)
    from itertools import permutations
    want = np.zeros(3)
    for order in permutations(range(3)):
        z = base.copy()
        for i in order:
            before = f(z)
            z[i] = x[i]
            want[i] += f(z) - before
    assert shapley_values(f, x, base) == pytest.approx(want / 6)
