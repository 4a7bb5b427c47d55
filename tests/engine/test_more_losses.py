"""More losses: hinge, focal, weighted and smoothed cross-entropy, KL — values by hand, gradients
against finite differences, and the batch convention (a mean over examples, never over classes)."""
import numpy as np
import pytest

from engine.activations import softmax
from engine.gradcheck import numerical_gradient, relative_error
from engine.losses import SoftmaxCrossEntropy, one_hot
from engine.more_losses import (
    FocalLoss,
    Hinge,
    MulticlassHinge,
    SmoothedSoftmaxCrossEntropy,
    WeightedSoftmaxCrossEntropy,
    balanced_weights,
    cross_entropy,
    entropy,
    kl_divergence,
    smooth_labels,
)


def labels_and_logits(seed, n=5, k=4):
    rng = np.random.default_rng(seed)
    return rng.normal(0, 2, (n, k)), one_hot(rng.integers(0, k, n), k)


def away_from_kinks(z, s):
    """Move scores off the hinge's kink s z = 1, where it has no derivative."""
    margin = s * z
    return np.where(np.abs(margin - 1) < 0.05, z + 0.1 * s, z)


CASES = [
    (FocalLoss(2.0), labels_and_logits),
    (FocalLoss(0.5, alpha=[0.25, 1.0, 2.0, 0.5]), labels_and_logits),
    (WeightedSoftmaxCrossEntropy([0.5, 2.0, 1.0, 3.0]), labels_and_logits),
    (SmoothedSoftmaxCrossEntropy(0.1), labels_and_logits),
    (MulticlassHinge(), labels_and_logits),
]


@pytest.mark.parametrize("loss,make", CASES, ids=[f"{c[0].name}-{i}" for i, c in enumerate(CASES)])
def test_gradient_matches_finite_differences(loss, make):
    z, t = make(1)
    if isinstance(loss, MulticlassHinge):      # keep every margin z_j − z_y + 1 away from 0
        z = np.round(z, 1) + 0.05 * np.arange(z.shape[1])
    nudged = z.copy()
    numerical = numerical_gradient(lambda: loss.value(nudged, t), nudged, h=1e-6)
    assert relative_error(loss.grad(z, t), numerical) < 1e-6


def test_hinge_values_and_gradient():
    z = np.array([[-1.0], [0.0], [0.5], [1.0], [3.0]])
    s = np.ones_like(z)
    assert Hinge().value(z, s) == pytest.approx((2 + 1 + 0.5 + 0 + 0) / 5)
    assert np.allclose(Hinge().grad(z, s).ravel(), [-0.2, -0.2, -0.2, 0, 0])
    # 0/1 targets are read as −1/+1
    assert Hinge().value(np.array([[0.4]]), np.array([[0.0]])) == pytest.approx(1.4)
    z = away_from_kinks(np.random.default_rng(0).normal(0, 2, (6, 1)), 1.0)
    t = (np.arange(6) % 2).astype(float)[:, None]
    z = away_from_kinks(z, 2 * t - 1)
    nudged = z.copy()
    numerical = numerical_gradient(lambda: Hinge().value(nudged, t), nudged, h=1e-6)
    assert relative_error(Hinge().grad(z, t), numerical) < 1e-6


def test_hinge_rejects_other_targets():
    with pytest.raises(ValueError, match="0/1"):
        Hinge().value(np.zeros((2, 1)), np.array([[0.5], [1.0]]))


def test_multiclass_hinge_by_hand():
    z = np.array([[2.0, 1.0, 0.1]])
    assert MulticlassHinge().value(z, np.array([0])) == pytest.approx(0.0)
    assert MulticlassHinge().value(z, np.array([1])) == pytest.approx(2.0 + 0.1)


def test_focal_is_cross_entropy_at_gamma_zero_and_down_weights_easy_examples():
    z, t = labels_and_logits(2)
    assert FocalLoss(0.0).value(z, t) == pytest.approx(SoftmaxCrossEntropy().value(z, t))
    assert np.allclose(FocalLoss(0.0).grad(z, t), SoftmaxCrossEntropy().grad(z, t))
    # p = 0.9 for the true class: CE = −ln 0.9, focal (γ = 2) = 0.1² · (−ln 0.9)
    z = np.array([[np.log(9.0), 0.0]])
    assert FocalLoss(2.0).value(z, [0]) == pytest.approx(0.01 * -np.log(0.9))


def test_focal_stays_finite_when_the_network_is_certain():
    with np.errstate(all="raise"):
        z = np.array([[800.0, 0.0], [0.0, 800.0]])
        assert FocalLoss(0.5).value(z, [0, 1]) == pytest.approx(0.0)
        assert np.all(np.isfinite(FocalLoss(0.5).grad(z, [0, 1])))


def test_weighted_cross_entropy_weights_each_row_by_its_class():
    z, t = labels_and_logits(3)
    w = np.array([0.5, 2.0, 1.0, 3.0])
    rows = -np.sum(t * np.log(softmax(z)), axis=1)
    assert WeightedSoftmaxCrossEntropy(w).value(z, t) == pytest.approx(np.mean((t @ w) * rows))
    assert WeightedSoftmaxCrossEntropy(np.ones(4)).value(z, t) == pytest.approx(SoftmaxCrossEntropy().value(z, t))


def test_balanced_weights_give_every_class_the_same_total():
    labels = np.array([0] * 95 + [1] * 5)
    w = balanced_weights(labels, 2)
    assert np.allclose(w, [100 / 190, 10.0])
    assert w[0] * 95 == pytest.approx(w[1] * 5)


def test_label_smoothing_targets_and_the_lowest_loss():
    t = smooth_labels(np.array([3]), 0.1, k=10)
    assert t[0, 3] == pytest.approx(0.91) and t[0, 0] == pytest.approx(0.01) and t.sum() == pytest.approx(1.0)
    # the best the network can do is ŷ = t′: then the loss is H(t′) > 0 and the gradient is 0
    z = np.log(t)
    loss = SmoothedSoftmaxCrossEntropy(0.1)
    assert loss.value(z, [3]) == pytest.approx(float(entropy(t[0])))
    assert np.allclose(loss.grad(z, [3]), 0.0)


def test_cross_entropy_is_entropy_plus_kl():
    p, q = np.array([0.7, 0.2, 0.1]), softmax(np.array([2.0, 1.0, 0.1]))
    assert cross_entropy(p, q) == pytest.approx(entropy(p) + kl_divergence(p, q))
    assert kl_divergence(p, q) > 0 and kl_divergence(p, p) == pytest.approx(0.0)
    assert kl_divergence(p, q) != pytest.approx(kl_divergence(q, p))
    t = np.array([1.0, 0.0, 0.0])             # one-hot: H(t) = 0, so CE = KL (and 0·ln 0 is 0)
    assert entropy(t) == 0.0 and kl_divergence(t, q) == pytest.approx(-np.log(q[0]))


def test_batch_convention_mean_over_examples_not_classes():
    """The engine divides by the number of examples; np.mean over all entries divides by n·K."""
    z, t = labels_and_logits(4, n=6, k=10)
    y = softmax(z)
    engine_value = SoftmaxCrossEntropy().value(z, t)
    averaged_over_classes_too = -np.mean(t * np.log(y))
    assert engine_value == pytest.approx(10 * averaged_over_classes_too)
    assert engine_value == pytest.approx(np.mean(-np.sum(t * np.log(y), axis=1)))
