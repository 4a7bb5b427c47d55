"""Layers: the weight convention, initialisation, every backward pass vs finite differences."""
import numpy as np
import pytest

from engine.gradcheck import check_layer, worst
from engine.layers import ELU, GELU, Dense, Dropout, Flatten, LeakyReLU, ReLU, Sigmoid, Softmax, Tanh


def away_from_zero(shape, seed=0):
    z = np.random.default_rng(seed).normal(0, 2, shape)
    return np.sign(z) * (np.abs(z) + 0.05)


def test_dense_convention_u_equals_Wx_plus_b():
    W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])     # (out, in) = (2, 3)
    b = np.array([0.5, -1.0])
    layer = Dense(3, 2, W=W, b=b)
    x = np.array([1.0, 0.0, -1.0])
    assert np.allclose(layer.forward(x[None, :])[0], W @ x + b)
    X = np.random.default_rng(0).normal(size=(5, 3))
    assert np.allclose(layer.forward(X), X @ W.T + b)
    assert layer.param_count() == 8


@pytest.mark.parametrize("init", ["he", "xavier"])
def test_dense_backward_matches_finite_differences(init):
    layer = Dense(4, 3, init=init, rng=1)
    layer.params["b"] += 0.3
    assert worst(check_layer(layer, np.random.default_rng(2).normal(size=(5, 4)))) < 1e-6


def test_initialisation_scales_and_seeds():
    he = Dense(400, 300, init="he", rng=0).params["W"]
    assert he.std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    xa = Dense(400, 300, init="xavier", rng=0).params["W"]
    bound = np.sqrt(6 / 700)
    assert np.abs(xa).max() <= bound and xa.std() == pytest.approx(bound / np.sqrt(3), rel=0.02)
    assert np.array_equal(Dense(5, 3, rng=7).params["W"], Dense(5, 3, rng=7).params["W"])
    assert not np.array_equal(Dense(5, 3, rng=7).params["W"], Dense(5, 3, rng=8).params["W"])
    assert np.all(Dense(5, 3).params["b"] == 0)


def test_dense_rejects_bad_shapes():
    with pytest.raises(ValueError, match="shape"):
        Dense(3, 2, W=np.zeros((3, 2)))
    with pytest.raises(ValueError, match="initialisation"):
        Dense(3, 2, init="zeros")


ACTIVATION_LAYERS = [Sigmoid(), Tanh(), ReLU(), LeakyReLU(0.1), ELU(1.3), GELU(), Softmax()]


@pytest.mark.parametrize("layer", ACTIVATION_LAYERS, ids=lambda l: type(l).__name__)
def test_activation_backward_matches_finite_differences(layer):
    assert worst(check_layer(layer, away_from_zero((4, 5)))) < 1e-6


@pytest.mark.parametrize("layer", ACTIVATION_LAYERS[:-1], ids=lambda l: type(l).__name__)
def test_activation_layer_uses_its_function(layer):
    z = away_from_zero((3, 4), seed=3)
    assert np.allclose(layer.forward(z), layer.f(z))
    layer.forward(z)
    assert np.allclose(layer.backward(np.ones_like(z)), layer.f_prime(z))


def test_flatten_round_trip_and_gradient():
    x = np.random.default_rng(4).normal(size=(2, 3, 4, 4))
    layer = Flatten()
    assert layer.forward(x).shape == (2, 48)
    assert layer.backward(np.ones((2, 48))).shape == x.shape
    assert worst(check_layer(layer, x)) < 1e-6


def test_dropout_scales_in_training_and_is_identity_otherwise():
    x = np.ones((200, 50))
    layer = Dropout(0.3, rng=0)
    assert np.array_equal(layer.forward(x, training=False), x)
    y = layer.forward(x, training=True)
    kept = y > 0
    assert np.allclose(y[kept], 1 / 0.7)
    assert kept.mean() == pytest.approx(0.7, abs=0.02)
    assert np.array_equal(layer.backward(np.ones_like(x)), y)     # same mask on the way back
    with pytest.raises(ValueError):
        Dropout(1.0)


def test_dropout_backward_matches_finite_differences_with_a_fixed_mask():
    class FixedMask(Dropout):
        stochastic = False                              # so gradcheck accepts it in training mode

        def forward(self, x, training=False):
            self.rng = np.random.default_rng(5)         # the same mask every call
            return super().forward(x, training)

    assert worst(check_layer(FixedMask(0.4), np.random.default_rng(6).normal(size=(3, 7)), training=True)) < 1e-6


@pytest.mark.parametrize("layer", ACTIVATION_LAYERS, ids=lambda l: type(l).__name__)
def test_activation_layers_stable_for_huge_inputs(layer):
    z = np.array([[-1e4, -1e3, -300.0, -1.0, 0.0, 1.0, 300.0, 1e3, 1e4]])
    with np.errstate(all="raise"):
        y = layer.forward(z)
        dz = layer.backward(np.ones_like(z))
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dz))
