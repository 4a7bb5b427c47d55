"""Checked numbers of lesson loss-functions (engine.losses, ½ convention)."""
import math

import numpy as np


def _mse(y, t=1.0):
    from engine.losses import MSE

    return MSE().value(np.array([[y]]), np.array([[t]]))


def _ce(y, t=1.0):
    from engine.losses import BinaryCrossEntropy

    return BinaryCrossEntropy().value(np.array([[y]]), np.array([[t]]))


def _dz(loss, y, t=1.0):
    """dE/dz for an output y = sigmoid(z): through the sigmoid for MSE, fused for CE."""
    from engine.activations import sigmoid_prime
    from engine.losses import MSE, SigmoidBinaryCrossEntropy

    z = np.array([[math.log(y / (1 - y))]])       # the logit that gives y
    if loss == "mse":
        return float((MSE().grad(np.array([[y]]), np.array([[t]])) * sigmoid_prime(z))[0, 0])
    return float(SigmoidBinaryCrossEntropy().grad(z, np.array([[t]]))[0, 0])


_Z = np.array([[2.0, 1.0, 0.1]])
_T = np.array([[1.0, 0.0, 0.0]])


def _sm(i):
    from engine.activations import softmax

    return float(softmax(_Z)[0, i])


def _smg(i):
    from engine.losses import SoftmaxCrossEntropy

    return float(SoftmaxCrossEntropy().grad(_Z, _T)[0, i])


# a batch of two: the example above and z = (0.5, 2, 0.3) with the second class true
_ZB = np.array([[2.0, 1.0, 0.1], [0.5, 2.0, 0.3]])
_TB = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])


def _ceb(i):
    from engine.losses import SoftmaxCrossEntropy

    return SoftmaxCrossEntropy().value(_ZB[i:i + 1], _TB[i:i + 1])


def _ceb_mean():
    from engine.losses import SoftmaxCrossEntropy

    return SoftmaxCrossEntropy().value(_ZB, _TB)


def _ceb_allmean():
    # the mistake: np.mean over all n*K entries instead of the n examples
    from engine.activations import softmax

    return float(-np.mean(_TB * np.log(softmax(_ZB))))


FACTS = {
    "loss.ceb1": lambda: _ceb(0),
    "loss.ceb2": lambda: _ceb(1),
    "loss.ceb_mean": _ceb_mean,
    "loss.ceb_allmean": _ceb_allmean,
    "loss.ceb_ratio": lambda: _ceb_mean() / _ceb_allmean(),
    "loss.mse08": lambda: _mse(0.8),
    "loss.mse01": lambda: _mse(0.1),
    "loss.ce08": lambda: _ce(0.8),
    "loss.ce01": lambda: _ce(0.1),
    "loss.ce001": lambda: _ce(0.01),
    "loss.mse_ratio": lambda: _mse(0.1) / _mse(0.8),
    "loss.ce_ratio": lambda: _ce(0.1) / _ce(0.8),
    "loss.sq08": lambda: 2 * _mse(0.8),     # (1 - y)^2 without the ½
    "loss.sq01": lambda: 2 * _mse(0.1),
    "loss.gz_mse08": lambda: _dz("mse", 0.8),
    "loss.gz_mse01": lambda: _dz("mse", 0.1),
    "loss.gz_mse001": lambda: _dz("mse", 0.01),
    "loss.gz_ce08": lambda: _dz("ce", 0.8),
    "loss.gz_ce01": lambda: _dz("ce", 0.1),
    "loss.gz_ce001": lambda: _dz("ce", 0.01),
    "loss.sm1": lambda: _sm(0),
    "loss.sm2": lambda: _sm(1),
    "loss.sm3": lambda: _sm(2),
    "loss.smce": lambda: __import__("engine.losses", fromlist=["x"]).SoftmaxCrossEntropy().value(_Z, _T),
    "loss.smg1": lambda: _smg(0),
    "loss.smg2": lambda: _smg(1),
    "loss.smg3": lambda: _smg(2),
}
