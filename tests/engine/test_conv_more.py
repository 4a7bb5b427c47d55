"""Dilated convolution, receptive fields, depthwise-separable convolution and the
extra pooling layers, each against a direct computation written out here."""
import numpy as np
import pytest

from engine.conv import Conv2D, output_size
from engine.gradcheck import check_layer
from engine.pooling_more import GlobalAvgPool2D, L2Pool2D, MixedPool2D
from engine.receptive import receptive_field, receptive_fields
from engine.separable import multiply_adds, separable_conv, separable_params, standard_params


def direct_dilated(x, w, b, stride, dilation, pad):
    """y[o, i, j] = Σ_c Σ_u Σ_v w[o, c, u, v] x[c, iS + uD, jS + vD] + b[o], one loop per term."""
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad)))
    c_out, c_in, k, _ = w.shape
    span = dilation * (k - 1) + 1
    h_out = (xp.shape[1] - span) // stride + 1
    w_out = (xp.shape[2] - span) // stride + 1
    y = np.zeros((c_out, h_out, w_out))
    for o in range(c_out):
        for i in range(h_out):
            for j in range(w_out):
                total = b[o]
                for c in range(c_in):
                    for u in range(k):
                        for v in range(k):
                            total += w[o, c, u, v] * xp[c, i * stride + u * dilation, j * stride + v * dilation]
                y[o, i, j] = total
    return y


@pytest.mark.parametrize("dilation,stride,padding", [(2, 1, 0), (2, 2, 1), (3, 1, "same"), (2, 1, "full")])
def test_dilated_forward_matches_direct_loop(dilation, stride, padding):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 2, 11, 11))
    layer = Conv2D(2, 3, 3, padding=padding, stride=stride, dilation=dilation, seed=2)
    layer.params["b"][...] = rng.normal(size=3)
    y = layer.forward(x)
    for a in range(2):
        np.testing.assert_allclose(y[a], direct_dilated(x[a], layer.params["W"], layer.params["b"],
                                                        stride, dilation, layer.p), atol=1e-12)
    assert y.shape[2] == output_size(11, 3, padding, stride, dilation)


def test_dilated_output_sizes_by_hand():
    assert output_size(7, 3, dilation=2) == 3                 # spans 5 pixels: 7 − 5 + 1
    assert output_size(32, 3, 2, dilation=2) == 32            # P = D(K − 1)/2 keeps the size
    assert output_size(32, 3, "same", dilation=2) == 32
    assert output_size(224, 3, 0, stride=2, dilation=2) == 110   # ⌊(224 − 5)/2⌋ + 1
    with pytest.raises(ValueError, match="dilation"):
        output_size(7, 3, dilation=0)
    with pytest.raises(ValueError, match="larger"):
        output_size(4, 3, dilation=2)


@pytest.mark.parametrize("dilation,stride", [(2, 1), (2, 2), (3, 1)])
def test_dilated_backward_against_finite_differences(dilation, stride):
    x = np.random.default_rng(3).normal(size=(1, 2, 9, 9))
    layer = Conv2D(2, 2, 3, padding=1, stride=stride, dilation=dilation, seed=4)
    assert max(c.rel_error for c in check_layer(layer, x)) < 1e-6


def direct_receptive_field(layers, size=64):
    """Send a gradient from one unit in the middle of the last map back to the input
    through real layers (all-ones kernels, average pooling) and measure the width of
    the input pixels that received any of it."""
    from engine.pooling import AvgPool2D

    net = []
    for k, s, d in layers:
        if k == s and d == 1 and k > 1:
            net.append(AvgPool2D(k, s))
        else:
            conv = Conv2D(1, 1, k, stride=s, dilation=d)
            conv.params["W"][...] = 1.0
            net.append(conv)
    x = np.ones((1, 1, size, size))
    for layer in net:
        x = layer.forward(x)
    delta = np.zeros_like(x)
    delta[0, 0, x.shape[2] // 2, x.shape[3] // 2] = 1.0
    for layer in reversed(net):
        delta = layer.backward(delta)
    rows = np.nonzero(delta[0, 0].any(axis=1))[0]
    return int(rows.max() - rows.min() + 1)


@pytest.mark.parametrize("layers", [
    [(3, 1, 1)] * 3,
    [(5, 1, 1), (2, 2, 1), (5, 1, 1), (2, 2, 1)],
    [(3, 1, 1), (3, 1, 2), (3, 1, 4)],
    [(3, 1, 1), (3, 1, 2), (3, 1, 4), (3, 1, 8)],
    [(3, 2, 1), (3, 1, 2), (3, 2, 1)],
])
def test_receptive_field_matches_the_gradient_footprint(layers):
    assert receptive_field(layers) == direct_receptive_field(layers)


def test_receptive_fields_by_hand():
    assert receptive_fields([(3, 1), (3, 1), (3, 1)]) == [3, 5, 7]
    assert receptive_fields([(3, 1, 1), (3, 1, 2), (3, 1, 4)]) == [3, 7, 15]
    assert receptive_field([]) == 1


def test_separable_equals_a_standard_conv_with_a_factored_kernel():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(2, 3, 6, 6))
    depth, point = rng.normal(size=(3, 3, 3)), rng.normal(size=(4, 3))
    standard = Conv2D(3, 4, 3, padding=1)
    standard.params["W"][...] = point[:, :, None, None] * depth[None]      # W[o, c] = P[o, c] D[c]
    np.testing.assert_allclose(separable_conv(x, depth, point, padding=1), standard.forward(x), atol=1e-12)


def test_separable_counts_match_the_layers():
    c_in, c_out, k = 32, 64, 3
    assert standard_params(c_in, c_out, k) == Conv2D(c_in, c_out, k).param_count() == 18_496
    depth, point = separable_params(c_in, c_out, k)
    assert depth == c_in * Conv2D(1, 1, k).param_count() == 320
    assert point == Conv2D(c_in, c_out, 1).param_count() == 2_112
    assert multiply_adds(c_in, c_out, k, 1, 1) == (18_432, 2_336)


def test_l2_pool_by_hand_and_by_finite_differences():
    window = np.array([[[[2.0, 9.0], [4.0, 1.0]]]])
    assert L2Pool2D(2).forward(window)[0, 0, 0, 0] == pytest.approx(np.sqrt(102))
    x = np.random.default_rng(6).normal(size=(1, 2, 6, 6))
    assert max(c.rel_error for c in check_layer(L2Pool2D(2), x)) < 1e-6
    assert max(c.rel_error for c in check_layer(L2Pool2D(3, 1), x)) < 1e-6


def test_mixed_pool_is_a_blend_of_max_and_average():
    window = np.array([[[[2.0, 9.0], [4.0, 1.0]]]])
    assert MixedPool2D(2, a=0.5).forward(window)[0, 0, 0, 0] == pytest.approx(0.5 * 9 + 0.5 * 4)
    assert MixedPool2D(2, a=1.0).forward(window)[0, 0, 0, 0] == 9.0
    x = np.random.default_rng(7).normal(size=(1, 2, 6, 6))
    assert max(c.rel_error for c in check_layer(MixedPool2D(2, a=0.3), x)) < 1e-6
    with pytest.raises(ValueError, match="between 0 and 1"):
        MixedPool2D(2, a=1.5)


def test_global_average_pool():
    x = np.arange(2 * 3 * 4 * 5, dtype=float).reshape(2, 3, 4, 5)
    layer = GlobalAvgPool2D()
    np.testing.assert_allclose(layer.forward(x), x.reshape(2, 3, -1).mean(axis=2))
    assert max(c.rel_error for c in check_layer(GlobalAvgPool2D(), x / 10)) < 1e-6
    with pytest.raises(ValueError, match="shape"):
        layer.backward(np.ones((2, 4)))
