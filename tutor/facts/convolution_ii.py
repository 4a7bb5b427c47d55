"""Checked numbers of lesson convolution-ii (engine.conv with dilation,
engine.receptive, engine.separable, engine.pooling_more).

Sizes and counts come from the engine's functions and from real layers'
param_count(); the worked values from real forward passes.
"""
from functools import lru_cache

import numpy as np


def _size(m, k, padding=0, stride=1, dilation=1):
    from engine.conv import output_size

    return output_size(m, k, padding, stride, dilation)


def _rf(layers):
    from engine.receptive import receptive_fields

    return receptive_fields(layers)


def _conv_params(c_in, c_out, k):
    from engine.conv import Conv2D

    return Conv2D(c_in, c_out, k).param_count()


def _dense_params(n_in, n_out):
    from engine.layers import Dense

    return Dense(n_in, n_out).param_count()


@lru_cache(maxsize=None)
def _dilated_value():
    """5×5 input holding 0..24 row by row, a 3×3 all-ones kernel with D = 2: one output."""
    from engine.conv import Conv2D

    layer = Conv2D(1, 1, 3, dilation=2)
    layer.params["W"][...] = 1.0
    return float(layer.forward(np.arange(25.0).reshape(1, 1, 5, 5))[0, 0, 0, 0])


@lru_cache(maxsize=None)
def _one_by_one_gap():
    """|1×1 convolution − the same Dense layer applied at every pixel|, largest over a random map."""
    from engine.conv import Conv2D
    from engine.layers import Dense

    x = np.random.default_rng(0).normal(size=(2, 8, 5, 5))
    conv = Conv2D(8, 4, 1, seed=1)
    dense = Dense(8, 4, W=conv.params["W"][:, :, 0, 0], b=conv.params["b"])
    by_pixel = dense.forward(x.transpose(0, 2, 3, 1).reshape(-1, 8)).reshape(2, 5, 5, 4).transpose(0, 3, 1, 2)
    return round(float(np.abs(conv.forward(x) - by_pixel).max()), 12)   # float rounding: ~1e-16


def _separable(c_in=32, c_out=64, k=3):
    from engine.separable import separable_params, standard_params

    depth, point = separable_params(c_in, c_out, k)
    return standard_params(c_in, c_out, k), depth, point


def _madds(c_in=32, c_out=64, k=3, size=56):
    from engine.separable import multiply_adds

    return multiply_adds(c_in, c_out, k, size, size)


WINDOW = np.array([[[[2.0, 9.0], [4.0, 1.0]]]])


def _pool(kind):
    from engine.pooling import AvgPool2D, MaxPool2D
    from engine.pooling_more import L2Pool2D, MixedPool2D

    layer = {"max": MaxPool2D(2), "avg": AvgPool2D(2), "l2": L2Pool2D(2), "mixed": MixedPool2D(2, a=0.5)}[kind]
    return float(layer.forward(WINDOW)[0, 0, 0, 0])


def _l2_grad(i, j):
    from engine.pooling_more import L2Pool2D

    layer = L2Pool2D(2)
    layer.forward(WINDOW)
    return float(layer.backward(np.ones((1, 1, 1, 1)))[0, 0, i, j])


def _gap_head(flatten=True, channels=512, side=7, classes=10):
    return _dense_params(channels * side * side if flatten else channels, classes)


FACTS = {
    # dilation
    "cv2.span_d2": lambda: __import__("engine.conv", fromlist=["x"]).effective_size(3, 2),
    "cv2.span_d4": lambda: __import__("engine.conv", fromlist=["x"]).effective_size(3, 4),
    "cv2.out_7_d2": lambda: _size(7, 3, dilation=2),
    "cv2.out_32_same": lambda: _size(32, 3, 2, dilation=2),
    "cv2.out_224_s2": lambda: _size(224, 3, 0, stride=2, dilation=2),
    "cv2.out_224_s2_num": lambda: 224 - 5,
    "cv2.dil_value": _dilated_value,
    # receptive field
    "cv2.rf_33_1": lambda: _rf([(3, 1)] * 3)[0],
    "cv2.rf_33_2": lambda: _rf([(3, 1)] * 3)[1],
    "cv2.rf_33_3": lambda: _rf([(3, 1)] * 3)[2],
    "cv2.vgg_three": lambda: 3 * 3 * 3,
    "cv2.vgg_seven": lambda: 7 * 7,
    "cv2.rf_lenet_1": lambda: _rf([(5, 1), (2, 2), (5, 1), (2, 2)])[0],
    "cv2.rf_lenet_2": lambda: _rf([(5, 1), (2, 2), (5, 1), (2, 2)])[1],
    "cv2.rf_lenet_3": lambda: _rf([(5, 1), (2, 2), (5, 1), (2, 2)])[2],
    "cv2.rf_lenet_4": lambda: _rf([(5, 1), (2, 2), (5, 1), (2, 2)])[3],
    "cv2.rf_dil_2": lambda: _rf([(3, 1, 1), (3, 1, 2)])[1],
    "cv2.rf_dil_3": lambda: _rf([(3, 1, 1), (3, 1, 2), (3, 1, 4)])[2],
    "cv2.rf_dil_4": lambda: _rf([(3, 1, 1), (3, 1, 2), (3, 1, 4), (3, 1, 8)])[3],
    "cv2.rf_plain_4": lambda: _rf([(3, 1)] * 4)[3],
    # 1×1 convolution
    "cv2.one_256_64": lambda: _conv_params(256, 64, 1),
    "cv2.one_gap": _one_by_one_gap,
    "cv2.direct_33": lambda: _conv_params(256, 256, 3),
    "cv2.bottle_a": lambda: _conv_params(256, 64, 1),
    "cv2.bottle_b": lambda: _conv_params(64, 64, 3),
    "cv2.bottle_c": lambda: _conv_params(64, 256, 1),
    "cv2.bottle_total": lambda: _conv_params(256, 64, 1) + _conv_params(64, 64, 3) + _conv_params(64, 256, 1),
    "cv2.bottle_ratio": lambda: _conv_params(256, 256, 3) / (
        _conv_params(256, 64, 1) + _conv_params(64, 64, 3) + _conv_params(64, 256, 1)),
    # depthwise-separable
    "cv2.sep_standard": lambda: _separable()[0],
    "cv2.sep_depth": lambda: _separable()[1],
    "cv2.sep_point": lambda: _separable()[2],
    "cv2.sep_total": lambda: _separable()[1] + _separable()[2],
    "cv2.sep_share": lambda: (_separable()[1] + _separable()[2]) / _separable()[0],
    "cv2.sep_rule": lambda: 1 / 64 + 1 / 9,
    "cv2.madd_standard": lambda: _madds()[0],
    "cv2.madd_sep": lambda: _madds()[1],
    # pooling
    "cv2.pool_max": lambda: _pool("max"),
    "cv2.pool_avg": lambda: _pool("avg"),
    "cv2.pool_l2": lambda: _pool("l2"),
    "cv2.pool_rms": lambda: _pool("l2") / 2,
    "cv2.pool_mixed": lambda: _pool("mixed"),
    "cv2.l2_grad_9": lambda: _l2_grad(0, 1),
    "cv2.l2_grad_1": lambda: _l2_grad(1, 1),
    "cv2.gap_flat": lambda: _gap_head(True),
    "cv2.gap_head": lambda: _gap_head(False),
    "cv2.gap_inputs": lambda: 7 * 7 * 512,
    # vision transformer pointer
    "cv2.vit_tokens": lambda: (224 // 16) ** 2,
    "cv2.vit_side": lambda: 224 // 16,
    "cv2.vit_patch": lambda: 16 * 16 * 3,
    "cv2.vit_scores": lambda: ((224 // 16) ** 2) ** 2,
    # the quiz
    "cv2.q_size": lambda: _size(15, 3, 0, stride=2, dilation=3),
    "cv2.q_span": lambda: __import__("engine.conv", fromlist=["x"]).effective_size(3, 3),
    "cv2.q_rf_1": lambda: _rf([(3, 1), (3, 2), (3, 1)])[1],
    "cv2.q_rf": lambda: _rf([(3, 1), (3, 2), (3, 1)])[2],
    "cv2.q_sep_depth": lambda: _separable(16, 32, 3)[1],
    "cv2.q_sep_point": lambda: _separable(16, 32, 3)[2],
    "cv2.q_sep": lambda: _separable(16, 32, 3)[1] + _separable(16, 32, 3)[2],
    "cv2.q_standard": lambda: _separable(16, 32, 3)[0],
}
