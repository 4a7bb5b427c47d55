"""Losses: the ½ convention, gradients against finite differences, no log(0)."""
import numpy as np
import pytest

from engine.activations import softmax, softmax_jvp
from engine.gradcheck import numerical_gradient, relative_error
from engine.losses import (
    MSE,
    BinaryCrossEntropy,
    CategoricalCrossEntropy,
    SigmoidBinaryCrossEntropy,
    SoftmaxCrossEntropy,
    get_loss,
    log_softmax,
    one_hot,
)


def test_mse_half_convention_and_batch_mean():
    assert MSE().value(np.array([[1.0, 2.0]]), np.array([[0.0, 0.0]])) == pytest.approx(2.5)
    y = np.array([[1.0, 2.0], [3.0, 0.0]])
    assert MSE().value(y, np.zeros((2, 2))) == pytest.approx((0.5 * 5 + 0.5 * 9) / 2)
    assert np.allclose(MSE().grad(y, np.zeros((2, 2))), y / 2)


def test_cross_entropies_by_hand():
    y = np.array([[0.8], [0.3]])
    t = np.array([[1.0], [0.0]])
    assert BinaryCrossEntropy().value(y, t) == pytest.approx(-(np.log(0.8) + np.log(0.7)) / 2)
    p = np.array([[0.7, 0.2, 0.1]])
    assert CategoricalCrossEntropy().value(p, np.array([[0, 1, 0]])) == pytest.approx(-np.log(0.2))
    assert CategoricalCrossEntropy().value(p, np.array([1])) == pytest.approx(-np.log(0.2))


CASES = [
    (MSE(), lambda r: r.normal(size=(4, 3)), lambda r: r.normal(size=(4, 3))),
    (BinaryCrossEntropy(), lambda r: r.uniform(0.05, 0.95, (4, 3)), lambda r: r.integers(0, 2, (4, 3)).astype(float)),
    (CategoricalCrossEntropy(), lambda r: softmax(r.normal(size=(4, 3))), lambda r: one_hot(r.integers(0, 3, 4), 3)),
    (SoftmaxCrossEntropy(), lambda r: r.normal(size=(4, 3)), lambda r: one_hot(r.integers(0, 3, 4), 3)),
    (SigmoidBinaryCrossEntropy(), lambda r: r.normal(size=(4, 2)), lambda r: r.integers(0, 2, (4, 2)).astype(float)),
]


@pytest.mark.parametrize("loss,make_y,make_t", CASES, ids=[c[0].name for c in CASES])
def test_gradient_matches_finite_differences(loss, make_y, make_t):
    rng = np.random.default_rng(0)
    y, t = make_y(rng), make_t(rng)
    y_nudged = y.copy()        # numerical_gradient changes it in place and puts it back
    numerical = numerical_gradient(lambda: loss.value(y_nudged, t), y_nudged, h=1e-6)
    assert relative_error(loss.grad(y, t), numerical) < 1e-6
    value, grad = loss.value_and_grad(y, t)
    assert value == pytest.approx(loss.value(y, t)) and np.allclose(grad, loss.grad(y, t))


def test_fused_softmax_ce_gradient_is_yhat_minus_t():
    rng = np.random.default_rng(3)
    z, t = rng.normal(size=(5, 4)), one_hot(rng.integers(0, 4, 5), 4)
    fused = SoftmaxCrossEntropy()
    assert np.allclose(fused.grad(z, t), (softmax(z) - t) / 5)
    # the same as the chain rule through softmax and the plain cross-entropy
    chain = softmax_jvp(z, CategoricalCrossEntropy().grad(softmax(z), t))
    assert np.allclose(fused.grad(z, t), chain)
    assert fused.value(z, t) == pytest.approx(CategoricalCrossEntropy().value(softmax(z), t))


def test_labels_and_one_hot_agree():
    z = np.random.default_rng(4).normal(size=(3, 4))
    labels = np.array([0, 3, 1])
    assert SoftmaxCrossEntropy().value(z, labels) == pytest.approx(SoftmaxCrossEntropy().value(z, one_hot(labels, 4)))


def test_log_zero_never_gives_inf_or_nan():
    with np.errstate(all="raise"):
        values = [
            BinaryCrossEntropy().value(np.array([[0.0], [1.0]]), np.array([[1.0], [0.0]])),
            CategoricalCrossEntropy().value(np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]])),
            SoftmaxCrossEntropy().value(np.array([[1e4, -1e4]]), np.array([[0.0, 1.0]])),
            SigmoidBinaryCrossEntropy().value(np.array([[1e4], [-1e4]]), np.array([[0.0], [1.0]])),
        ]
        grads = [
            BinaryCrossEntropy().grad(np.array([[0.0], [1.0]]), np.array([[1.0], [0.0]])),
            CategoricalCrossEntropy().grad(np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]])),
            SoftmaxCrossEntropy().grad(np.array([[1e4, -1e4]]), np.array([[0.0, 1.0]])),
            SigmoidBinaryCrossEntropy().grad(np.array([[1e4], [-1e4]]), np.array([[0.0], [1.0]])),
        ]
    assert all(np.isfinite(v) and v > 0 for v in values)
    assert all(np.all(np.isfinite(g)) for g in grads)
    assert SoftmaxCrossEntropy().value(np.array([[1e4, -1e4]]), np.array([[0.0, 1.0]])) == pytest.approx(2e4)


def test_log_softmax_matches_log_of_softmax():
    z = np.random.default_rng(5).normal(size=(3, 5))
    assert np.allclose(log_softmax(z), np.log(softmax(z)))


def test_bad_names_and_shapes_give_clear_errors():
    with pytest.raises(ValueError, match="unknown loss"):
        get_loss("hinge")
    with pytest.raises(ValueError, match="do not match"):
        MSE().value(np.zeros((2, 3)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match="class labels"):
        SoftmaxCrossEntropy().value(np.zeros((2, 3)), np.array([0, 5]))


def test_value_and_grad_agree_with_value_for_extreme_logits():
    z, t = np.array([[1e4, -1e4, 0.0]]), np.array([[0.0, 1.0, 0.0]])
    with np.errstate(all="raise"):
        value, grad = SoftmaxCrossEntropy().value_and_grad(z, t)
    assert value == pytest.approx(2e4) == SoftmaxCrossEntropy().value(z, t)
    assert np.allclose(grad, [[1.0, -1.0, 0.0]])
