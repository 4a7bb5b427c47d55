"""Gradient checking itself: it must agree with known derivatives and catch a wrong backward."""
import numpy as np
import pytest

from engine.gradcheck import check_layer, check_network, numerical_gradient, relative_error, worst
from engine.layers import Dense, Dropout, Sigmoid
from engine.network import Sequential


def test_numerical_gradient_of_a_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    g = numerical_gradient(lambda: float(np.sum(x ** 3)), x)
    assert np.allclose(g, 3 * x ** 2, rtol=1e-8)
    assert np.array_equal(x, [[1.0, -2.0], [0.5, 3.0]])          # put back


def test_relative_error():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([0.0], [0.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == pytest.approx(1.0)


def test_check_layer_reports_each_parameter():
    checks = check_layer(Dense(3, 2, rng=0), np.random.default_rng(0).normal(size=(4, 3)))
    assert [c.name for c in checks] == ["input", "W", "b"]
    assert checks[1].shape == (2, 3)
    assert worst(checks) < 1e-7
    assert "relative error" in str(checks[0])


def test_a_wrong_backward_is_caught():
    class BrokenDense(Dense):
        def backward(self, delta):
            out = super().backward(delta)
            self.grads["W"] = self.grads["W"] * 1.01      # a 1 % mistake
            return out

    checks = check_layer(BrokenDense(3, 2, rng=0), np.random.default_rng(1).normal(size=(4, 3)))
    by_name = {c.name: c.rel_error for c in checks}
    assert by_name["W"] > 1e-3 and by_name["b"] < 1e-7


def test_check_network_names_parameters_by_layer():
    net = Sequential([Dense(2, 3, rng=0), Sigmoid(), Dense(3, 1, rng=1)])
    X, T = np.random.default_rng(2).normal(size=(5, 2)), np.random.default_rng(3).normal(size=(5, 1))
    checks = check_network(net, X, T, "mse")
    assert [c.name for c in checks] == ["0.W", "0.b", "2.W", "2.b"]
    assert worst(checks) < 1e-6


def test_dropout_in_training_mode_is_refused_with_a_reason():
    # every forward pass draws a new mask, so E(θ + h) and E(θ − h) see different
    # networks and the finite difference measures the mask, not the gradient
    x = np.random.default_rng(4).normal(size=(3, 5))
    with pytest.raises(ValueError, match="Dropout.*new random mask.*training=False"):
        check_layer(Dropout(0.5, rng=0), x, training=True)


def test_dropout_checks_out_when_not_training():
    x = np.random.default_rng(4).normal(size=(3, 5))
    assert worst(check_layer(Dropout(0.5, rng=0), x, training=False)) < 1e-7
    net = Sequential([Dense(5, 4, rng=0), Dropout(0.5), Dense(4, 1, rng=1)])
    assert worst(check_network(net, x, np.ones((3, 1)))) < 1e-6       # check_network never trains
    assert worst(check_layer(Dropout(0.0), x, training=True)) < 1e-7      # p = 0 draws nothing
