"""MaxPool2D and AvgPool2D: values, gradient routing, finite differences."""
import numpy as np
import pytest

from engine.gradcheck import numerical_gradient, relative_error
from engine.pooling import AvgPool2D, MaxPool2D

EPS = 1e-6   # the finite-difference step the 1e-6 thresholds below were set with


def direct_pool(x, size, stride, reduce):
    n, c, h, w = x.shape
    h_out, w_out = (h - size) // stride + 1, (w - size) // stride + 1
    y = np.zeros((n, c, h_out, w_out))
    for a in range(n):
        for ch in range(c):
            for i in range(h_out):
                for j in range(w_out):
                    y[a, ch, i, j] = reduce(x[a, ch, i * stride:i * stride + size, j * stride:j * stride + size])
    return y


@pytest.mark.parametrize("cls,reduce", [(MaxPool2D, np.max), (AvgPool2D, np.mean)])
@pytest.mark.parametrize("size,stride", [(2, None), (2, 1), (3, 2), (3, 3)])
def test_forward_matches_direct_loop(cls, reduce, size, stride):
    x = np.random.default_rng(0).normal(size=(2, 3, 7, 6))
    layer = cls(size, stride)
    np.testing.assert_allclose(layer.forward(x), direct_pool(x, size, stride or size, reduce), rtol=1e-12)


def test_max_routes_gradient_to_the_argmax():
    x = np.array([[[[1.0, 3.0], [2.0, 0.0]]]])
    pool = MaxPool2D(2)
    assert pool.forward(x)[0, 0, 0, 0] == 3.0
    dx = pool.backward(np.array([[[[5.0]]]]))
    np.testing.assert_array_equal(dx[0, 0], [[0.0, 5.0], [0.0, 0.0]])


def test_avg_spreads_the_gradient():
    x = np.array([[[[1.0, 3.0], [2.0, 0.0]]]])
    pool = AvgPool2D(2)
    assert pool.forward(x)[0, 0, 0, 0] == 1.5
    dx = pool.backward(np.array([[[[4.0]]]]))
    np.testing.assert_array_equal(dx[0, 0], np.full((2, 2), 1.0))


@pytest.mark.parametrize("cls", [MaxPool2D, AvgPool2D])
@pytest.mark.parametrize("size,stride", [(2, None), (2, 1), (3, 2)])
def test_backward_against_finite_differences(cls, size, stride):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 2, 6, 7))      # continuous values: no ties, max is differentiable
    layer = cls(size, stride)
    r = rng.normal(size=layer.forward(x).shape)
    layer.forward(x)
    dx = layer.backward(r)
    num = numerical_gradient(lambda: float(np.sum(r * layer.forward(x))), x, EPS)
    assert relative_error(dx, num) < 1e-6


def test_bad_input_gives_clear_message():
    with pytest.raises(ValueError, match="larger"):
        MaxPool2D(4).forward(np.zeros((1, 1, 3, 3)))
    with pytest.raises(ValueError, match="shape"):
        AvgPool2D(2).forward(np.zeros((3, 3)))
    with pytest.raises(ValueError, match=">= 1"):
        MaxPool2D(0)
    assert MaxPool2D(2).param_count() == 0


@pytest.mark.parametrize("cls", [MaxPool2D, AvgPool2D])
def test_backward_checks_gradient_shape(cls):
    pool = cls(2)
    with pytest.raises(RuntimeError, match="forward"):
        pool.backward(np.zeros((1, 1, 2, 2)))
    pool.forward(np.zeros((1, 1, 4, 4)))
    with pytest.raises(ValueError, match=r"\(1, 1, 2, 2\)"):
        pool.backward(np.zeros((1, 1, 3, 3)))
