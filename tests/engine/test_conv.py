"""Conv2D: output sizes, values against a direct loop, gradients against finite differences."""
import numpy as np
import pytest

from engine.conv import Conv2D, output_size, padding_amount
from engine.gradcheck import numerical_gradient, relative_error

EPS = 1e-6   # the finite-difference step the 1e-6 thresholds below were set with


def direct_conv(x, W, b, p, s):
    """The definition, one output cell at a time: y = sum x[i*s+u, j*s+v] W[u, v] + b."""
    n, c, h, w = x.shape
    c_out, _, k, _ = W.shape
    xp = np.zeros((n, c, h + 2 * p, w + 2 * p))
    xp[:, :, p:p + h, p:p + w] = x
    h_out = (h + 2 * p - k) // s + 1
    w_out = (w + 2 * p - k) // s + 1
    y = np.zeros((n, c_out, h_out, w_out))
    for a in range(n):
        for o in range(c_out):
            for i in range(h_out):
                for j in range(w_out):
                    total = b[o]
                    for ch in range(c):
                        for u in range(k):
                            for v in range(k):
                                total += xp[a, ch, i * s + u, j * s + v] * W[o, ch, u, v]
                    y[a, o, i, j] = total
    return y


@pytest.mark.parametrize("m,k", [(5, 3), (7, 3), (8, 5), (6, 1), (28, 5)])
def test_output_size_formulas(m, k):
    assert output_size(m, k, "valid") == m - k + 1
    assert output_size(m, k, "same") == m
    assert output_size(m, k, "full") == m + k - 1


def test_output_size_with_stride_and_explicit_padding():
    # floor((M + 2P - K) / S) + 1
    assert output_size(7, 3, "valid", 2) == 3
    assert output_size(8, 3, "valid", 2) == 3
    assert output_size(32, 5, 2, 1) == 32
    assert output_size(28, 2, 0, 2) == 14


def test_bad_sizes_give_clear_messages():
    with pytest.raises(ValueError, match="odd"):
        padding_amount(4, "same")
    with pytest.raises(ValueError, match="larger"):
        output_size(2, 5, "valid")
    with pytest.raises(ValueError, match="padding"):
        output_size(5, 3, "wide")
    with pytest.raises(ValueError, match="shape"):
        Conv2D(2, 1, 3).forward(np.zeros((1, 3, 5, 5)))


@pytest.mark.parametrize("padding", ["valid", "same", "full", 1])
@pytest.mark.parametrize("stride", [1, 2])
def test_forward_matches_direct_loop(padding, stride):
    rng = np.random.default_rng(1)
    layer = Conv2D(2, 3, 3, padding=padding, stride=stride, seed=4)
    layer.params["b"][:] = rng.normal(size=3)
    x = rng.normal(size=(2, 2, 6, 7))
    y = layer.forward(x)
    expected = direct_conv(x, layer.params["W"], layer.params["b"], layer.p, stride)
    assert y.shape == expected.shape
    np.testing.assert_allclose(y, expected, rtol=1e-12, atol=1e-12)


def test_cross_correlation_not_flipped():
    # A kernel with a single 1 in its top-left corner copies x[i, j] (not x[i+2, j+2]).
    layer = Conv2D(1, 1, 3, padding="valid")
    layer.params["W"][:] = 0.0
    layer.params["W"][0, 0, 0, 0] = 1.0
    x = np.arange(25.0).reshape(1, 1, 5, 5)
    np.testing.assert_array_equal(layer.forward(x)[0, 0], x[0, 0, :3, :3])


def test_seeded_init_is_reproducible():
    a, b, c = Conv2D(3, 4, 3, seed=7), Conv2D(3, 4, 3, seed=7), Conv2D(3, 4, 3, seed=8)
    np.testing.assert_array_equal(a.params["W"], b.params["W"])
    assert not np.allclose(a.params["W"], c.params["W"])
    assert a.param_count() == 4 * 3 * 3 * 3 + 4


@pytest.mark.parametrize("padding,stride", [("valid", 1), ("same", 1), ("full", 1),
                                            ("valid", 2), ("same", 2), ("full", 2)])
def test_backward_against_finite_differences(padding, stride):
    rng = np.random.default_rng(2)
    layer = Conv2D(2, 3, 3, padding=padding, stride=stride, seed=3)
    layer.params["b"][:] = rng.normal(size=3)
    x = rng.normal(size=(2, 2, 5, 6))
    r = rng.normal(size=layer.forward(x).shape)      # E = sum(r * y): δ = ∂E/∂y = r

    def loss():
        return float(np.sum(r * layer.forward(x)))

    layer.forward(x)
    dx = layer.backward(r)
    dW, db = layer.grads["W"].copy(), layer.grads["b"].copy()
    assert relative_error(dx, numerical_gradient(loss, x, EPS)) < 1e-6
    assert relative_error(dW, numerical_gradient(loss, layer.params["W"], EPS)) < 1e-6
    assert relative_error(db, numerical_gradient(loss, layer.params["b"], EPS)) < 1e-6


def test_backward_with_kernel_5_and_stride_3():
    rng = np.random.default_rng(5)
    layer = Conv2D(1, 2, 5, padding="same", stride=3, seed=1)
    x = rng.normal(size=(1, 1, 8, 7))
    r = rng.normal(size=layer.forward(x).shape)
    dx = layer.backward(r)
    assert relative_error(dx, numerical_gradient(lambda: float(np.sum(r * layer.forward(x))), x, EPS)) < 1e-6


def test_backward_checks_gradient_shape():
    layer = Conv2D(1, 2, 3)
    with pytest.raises(RuntimeError, match="forward"):
        layer.backward(np.zeros((1, 2, 3, 3)))
    layer.forward(np.zeros((1, 1, 5, 5)))
    with pytest.raises(ValueError, match=r"\(1, 2, 3, 3\)"):
        layer.backward(np.zeros((1, 2, 5, 5)))
