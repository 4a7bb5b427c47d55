"""Activations: values, derivatives against finite differences, stability."""
import numpy as np
import pytest

from engine import activations as A
from engine.gradcheck import relative_error

FUNCS = [
    ("sigmoid", A.sigmoid, A.sigmoid_prime),
    ("tanh", A.tanh, A.tanh_prime),
    ("relu", A.relu, A.relu_prime),
    ("leaky_relu", lambda z: A.leaky_relu(z, 0.1), lambda z: A.leaky_relu_prime(z, 0.1)),
    ("elu", lambda z: A.elu(z, 1.5), lambda z: A.elu_prime(z, 1.5)),
    ("gelu", A.gelu, A.gelu_prime),
]


def away_from_zero(n, seed=0):
    z = np.random.default_rng(seed).normal(0, 3, n)
    return np.sign(z) * (np.abs(z) + 0.05)       # no kink inside [z - h, z + h]


@pytest.mark.parametrize("name,f,fp", FUNCS, ids=[f[0] for f in FUNCS])
def test_derivative_matches_finite_differences(name, f, fp):
    z = away_from_zero(200)
    h = 1e-6
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    assert relative_error(fp(z), numeric) < 1e-6


def test_known_values():
    assert A.sigmoid(0.0) == 0.5
    assert A.sigmoid_prime(0.0) == 0.25
    assert np.allclose(A.relu([-2.0, 0.0, 3.0]), [0, 0, 3])
    assert np.allclose(A.relu_prime([-2.0, 0.0, 3.0]), [0, 0, 1])
    assert np.allclose(A.leaky_relu([-2.0, 3.0], 0.2), [-0.4, 3.0])
    assert np.allclose(A.leaky_relu_prime([-2.0, 3.0], 0.2), [0.2, 1.0])
    assert np.isclose(A.elu(-1.0, 2.0), 2.0 * (np.exp(-1.0) - 1))
    assert np.isclose(A.elu_prime(-1.0, 2.0), 2.0 * np.exp(-1.0))
    assert np.isclose(A.tanh(0.5), np.tanh(0.5))
    assert A.gelu(0.0) == 0.0 and np.isclose(A.gelu(1.0), 0.8411919906)   # tanh form
    assert np.isclose(A.gelu_prime(0.0), 0.5)


def test_softmax_is_a_distribution_and_shift_invariant():
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    s = A.softmax(z)
    assert np.allclose(s.sum(axis=1), 1)
    assert np.allclose(s[1], 1 / 3)
    assert np.allclose(A.softmax(z + 100.0), s)
    e = np.exp([1.0, 2.0, 3.0])
    assert np.allclose(s[0], e / e.sum())


def test_softmax_jacobian_matches_finite_differences():
    z = np.random.default_rng(1).normal(size=5)
    h = 1e-6
    numeric = np.empty((5, 5))
    for j in range(5):
        dz = np.zeros(5)
        dz[j] = h
        numeric[:, j] = (A.softmax(z + dz) - A.softmax(z - dz)) / (2 * h)
    assert relative_error(A.softmax_jacobian(z), numeric) < 1e-6


def test_softmax_jvp_equals_jacobian_times_vector_for_a_batch():
    rng = np.random.default_rng(2)
    z, v = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    J = A.softmax_jacobian(z)
    assert J.shape == (4, 6, 6)
    assert np.allclose(A.softmax_jvp(z, v), np.einsum("nij,nj->ni", J, v))


EXTREME = np.array([-1e4, -1e3, -750.0, -300.0, -40.0, -1.0, -1e-300, 0.0, 1e-300, 1.0, 40.0, 300.0, 750.0, 1e3, 1e4])


@pytest.mark.parametrize("name,f,fp", FUNCS, ids=[f[0] for f in FUNCS])
def test_stable_for_huge_inputs(name, f, fp):
    with np.errstate(all="raise"):
        value, slope = f(EXTREME), fp(EXTREME)
    assert np.all(np.isfinite(value)) and np.all(np.isfinite(slope))


def test_limits_at_huge_inputs():
    with np.errstate(all="raise"):
        assert A.sigmoid(1e4) == 1.0 and 0 <= A.sigmoid(-1e4) < 1e-100
        assert A.tanh(-1e4) == -1.0 and A.tanh_prime(1e4) == 0.0
        assert A.elu(-1e4) == -1.0 and A.elu(1e4) == 1e4
        assert A.gelu(1e4) == 1e4 and A.gelu(-1e4) == 0.0
        assert A.sigmoid_prime(1e4) == 0.0 and A.sigmoid_prime(-1e4) < 1e-100


def test_softmax_stable_for_huge_inputs():
    z = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4], [1e4, 1e4, -1e4]])
    with np.errstate(all="raise"):
        s = A.softmax(z)
        J = A.softmax_jacobian(z)
        jvp = A.softmax_jvp(z, np.ones_like(z))
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(J)) and np.all(np.isfinite(jvp))
    assert np.allclose(s.sum(axis=1), 1)
    assert np.allclose(s[0], [1, 0, 0]) and np.allclose(s[1], 1 / 3) and np.allclose(s[2], [0.5, 0.5, 0])
