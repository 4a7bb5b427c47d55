"""Checked numbers of lesson pooling-and-cnn: the engine's MaxPool2D and
AvgPool2D (forward and backward) on one 4×4 feature map, LeNet-5 built from
engine layers (modern form: every C3 map sees all S2 maps, pooling without
weights), and softmax + cross-entropy from engine.losses."""
import numpy as np

FMAP = [[1, 3, 2, 1],
        [4, 6, 5, 0],
        [3, 1, 1, 2],
        [0, 2, 7, 4]]


def _pool(kind, backward=False):
    from engine.pooling import AvgPool2D, MaxPool2D

    layer = (MaxPool2D if kind == "max" else AvgPool2D)(2)
    y = layer.forward(np.asarray(FMAP, dtype=float).reshape(1, 1, 4, 4))
    if backward:
        return layer.backward(np.ones_like(y))[0, 0]
    return y[0, 0]


def _lenet():
    from engine.conv import Conv2D
    from engine.layers import Dense, Flatten, ReLU
    from engine.network import Sequential
    from engine.pooling import MaxPool2D

    return Sequential([Conv2D(1, 6, 5), ReLU(), MaxPool2D(2), Conv2D(6, 16, 5), ReLU(), MaxPool2D(2), Flatten(),
                       Dense(400, 120), ReLU(), Dense(120, 84), ReLU(), Dense(84, 10)])


def _lenet_shape(upto):
    net = _lenet()
    x = np.zeros((1, 1, 32, 32))
    for layer in net.layers[:upto]:
        x = layer.forward(x)
    return x.shape


def _count(index):
    return _lenet().param_counts()[index]


def _softmax(i):
    from engine.activations import softmax

    return float(softmax(np.array([2.0, 1.0, 0.1]))[i])


def _ce():
    from engine.losses import SoftmaxCrossEntropy

    return SoftmaxCrossEntropy().value(np.array([[2.0, 1.0, 0.1]]), np.array([[1.0, 0.0, 0.0]]))


def _ce_grad(i):
    from engine.losses import SoftmaxCrossEntropy

    return float(SoftmaxCrossEntropy().grad(np.array([[2.0, 1.0, 0.1]]), np.array([[1.0, 0.0, 0.0]]))[0, i])


FACTS = {}
for _i in range(2):
    for _j in range(2):
        FACTS[f"pool.max{_i}{_j}"] = lambda i=_i, j=_j: _pool("max")[i, j]
        FACTS[f"pool.avg{_i}{_j}"] = lambda i=_i, j=_j: _pool("avg")[i, j]
FACTS.update({
    # backward with an upstream gradient of 1 for each pooled value
    "pool.dmax_6": lambda: _pool("max", True)[1, 1],
    "pool.dmax_1": lambda: _pool("max", True)[0, 0],
    "pool.dmax_sum": lambda: _pool("max", True).sum(),
    "pool.davg": lambda: _pool("avg", True)[0, 0],
    # LeNet-5 (modern form) on a 32×32 grey image
    "pool.c1_size": lambda: _lenet_shape(1)[2],
    "pool.s2_size": lambda: _lenet_shape(3)[2],
    "pool.c3_size": lambda: _lenet_shape(4)[2],
    "pool.s4_size": lambda: _lenet_shape(6)[2],
    "pool.flat": lambda: _lenet_shape(7)[1],
    "pool.c1_params": lambda: _count(0),
    "pool.c3_params": lambda: _count(3),
    "pool.f5_params": lambda: _count(7),
    "pool.f6_params": lambda: _count(9),
    "pool.out_params": lambda: _count(11),
    "pool.total": lambda: _lenet().param_count(),
    "pool.conv_share": lambda: (_count(0) + _count(3)) / _lenet().param_count(),
    "pool.conv_pct": lambda: 100 * (_count(0) + _count(3)) / _lenet().param_count(),
    "pool.c3_table": lambda: 6 * 3 * 25 + 6 * 4 * 25 + 3 * 4 * 25 + 1 * 6 * 25 + 16,
    # softmax and cross-entropy for z = (2, 1, 0.1), target class 0
    "pool.p0": lambda: _softmax(0),
    "pool.p1": lambda: _softmax(1),
    "pool.p2": lambda: _softmax(2),
    "pool.ce": _ce,
    "pool.g0": lambda: _ce_grad(0),
    "pool.g1": lambda: _ce_grad(1),
})
