"""Checked numbers of lesson losses-ii (engine.losses and engine.more_losses)."""
import math

import numpy as np

# page 1: a batch of two examples, three classes
_Y = np.array([[0.7, 0.2, 0.1], [0.2, 0.5, 0.3]])
_T = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
# page 2: a soft target p (a teacher's belief) and a model's q
_P = np.array([0.8, 0.1, 0.1])
_Q = np.array([0.4, 0.3, 0.3])
# page 3: the multi-class hinge example
_Z3 = np.array([[3.2, 5.1, -1.7]])
# page 5: label smoothing of the logits of lesson loss-functions
_Z = np.array([[2.0, 1.0, 0.1]])
_ONE = np.array([[1.0, 0.0, 0.0]])


def _ce(y, t):
    from engine.losses import CategoricalCrossEntropy

    return CategoricalCrossEntropy().value(np.asarray(y, dtype=float), np.asarray(t, dtype=float))


def _mean_over_everything(y, t):
    """The source material's mistake: np.mean over examples *and* classes."""
    return float(-np.mean(np.asarray(t) * np.log(np.asarray(y))))


def _kl(p, q):
    from engine.more_losses import kl_divergence

    return float(kl_divergence(p, q))


def _entropy(p):
    from engine.more_losses import entropy

    return float(entropy(p))


def _xent(p, q):
    from engine.more_losses import cross_entropy

    return float(cross_entropy(p, q))


def _hinge(z, t=1.0):
    from engine.more_losses import Hinge

    return Hinge().value(np.array([[z]]), np.array([[t]]))


def _hinge_grad(z, t=1.0):
    from engine.more_losses import Hinge

    return float(Hinge().grad(np.array([[z]]), np.array([[t]]))[0, 0])


def _multi_hinge(z, label):
    from engine.more_losses import MulticlassHinge

    return MulticlassHinge().value(np.array([z], dtype=float), np.array([label]))


def _balanced(n0, n1):
    from engine.more_losses import balanced_weights

    return balanced_weights(np.r_[np.zeros(n0), np.ones(n1)], 2)


def _focal(p, gamma):
    """The focal loss of one example whose true class gets probability p (two logits chosen so)."""
    from engine.more_losses import FocalLoss

    z = np.array([[math.log(p), math.log(1 - p)]])
    return FocalLoss(gamma).value(z, np.array([0]))


def _smoothed(eps, k, i=0):
    from engine.more_losses import smooth_labels

    return float(smooth_labels(np.eye(k)[[0]], eps)[0, i])


def _smooth_grad(i):
    from engine.more_losses import SmoothedSoftmaxCrossEntropy

    return float(SmoothedSoftmaxCrossEntropy(0.1).grad(_Z, _ONE)[0, i])


def _plain_grad(i):
    from engine.losses import SoftmaxCrossEntropy

    return float(SoftmaxCrossEntropy().grad(_Z, _ONE)[0, i])


def _smooth_floor():
    """The smallest loss against t′ (reached when ŷ = t′): its entropy."""
    from engine.more_losses import entropy, smooth_labels

    return float(entropy(smooth_labels(_ONE, 0.1))[0])


FACTS = {
    "lii.ce1": lambda: _ce(_Y[:1], _T[:1]),
    "lii.ce2": lambda: _ce(_Y[1:], _T[1:]),
    "lii.batch": lambda: _ce(_Y, _T),
    "lii.npmean": lambda: _mean_over_everything(_Y, _T),
    "lii.k": lambda: _Y.shape[1],
    "lii.grad_scale": lambda: 1 / _Y.shape[1],
    "lii.h_p": lambda: _entropy(_P),
    "lii.h_pq": lambda: _xent(_P, _Q),
    "lii.kl_pq": lambda: _kl(_P, _Q),
    "lii.kl_qp": lambda: _kl(_Q, _P),
    "lii.hinge_far": lambda: _hinge(2.5),
    "lii.hinge_near": lambda: _hinge(0.3),
    "lii.hinge_wrong": lambda: _hinge(-1.0),
    "lii.hinge_g_far": lambda: _hinge_grad(2.5),
    "lii.hinge_g_near": lambda: _hinge_grad(0.3),
    "lii.mhinge_1": lambda: max(0.0, 5.1 - 3.2 + 1),
    "lii.mhinge_2": lambda: max(0.0, -1.7 - 3.2 + 1),
    "lii.mhinge": lambda: _multi_hinge(_Z3[0], 0),
    "lii.w_major": lambda: float(_balanced(900, 100)[0]),
    "lii.w_minor": lambda: float(_balanced(900, 100)[1]),
    "lii.w_ratio": lambda: float(_balanced(900, 100)[1] / _balanced(900, 100)[0]),
    "lii.w80_major": lambda: float(_balanced(80, 20)[0]),
    "lii.w80_minor": lambda: float(_balanced(80, 20)[1]),
    "lii.ce_easy": lambda: _focal(0.9, 0.0),
    "lii.ce_hard": lambda: _focal(0.1, 0.0),
    "lii.fl_easy": lambda: _focal(0.9, 2.0),
    "lii.fl_hard": lambda: _focal(0.1, 2.0),
    "lii.fl_easy_factor": lambda: _focal(0.9, 0.0) / _focal(0.9, 2.0),
    "lii.fl_hard_factor": lambda: _focal(0.1, 0.0) / _focal(0.1, 2.0),
    "lii.ts_true": lambda: _smoothed(0.1, 3, 0),
    "lii.ts_other": lambda: _smoothed(0.1, 3, 1),
    "lii.g_plain1": lambda: _plain_grad(0),
    "lii.g_smooth1": lambda: _smooth_grad(0),
    "lii.g_smooth2": lambda: _smooth_grad(1),
    "lii.g_smooth3": lambda: _smooth_grad(2),
    "lii.floor": _smooth_floor,
    # the quiz
    "lii.q_batch": lambda: _ce([[0.8, 0.1, 0.05, 0.05], [0.3, 0.4, 0.2, 0.1]], [[1, 0, 0, 0], [0, 1, 0, 0]]),
    "lii.q_ce08": lambda: _ce([[0.8, 0.2]], [[1, 0]]),
    "lii.q_ce04": lambda: _ce([[0.4, 0.6]], [[1, 0]]),
    "lii.q_mhinge": lambda: _multi_hinge([1.0, 2.5, 0.2], 2),
    "lii.q_focal": lambda: _focal(0.5, 2.0),
    "lii.q_weight": lambda: float(_balanced(950, 50)[1]),
    "lii.q_smooth": lambda: _smoothed(0.2, 4, 0),
}
