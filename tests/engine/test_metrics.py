"""Confusion matrix, precision, recall, F1, k-fold splits, bias and variance."""
import numpy as np
import pytest

from engine.metrics import accuracy, bias_variance, confusion_matrix, k_fold, precision_recall_f1


def test_confusion_matrix_rows_are_true_columns_predicted():
    m = confusion_matrix([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 2, 2], 3)
    assert m.tolist() == [[1, 1, 0], [0, 2, 1], [0, 0, 1]]
    assert accuracy(m) == pytest.approx(4 / 6)
    with pytest.raises(ValueError, match="0..2"):
        confusion_matrix([0, 3], [0, 1], 3)


def test_precision_recall_f1_of_a_screening_test():
    # 1000 people, 10 sick: 8 found, 2 missed, 40 false alarms
    m = np.array([[950, 40], [2, 8]])
    precision, recall, f1 = precision_recall_f1(m)
    assert precision[1] == pytest.approx(8 / 48) and recall[1] == pytest.approx(0.8)
    assert f1[1] == pytest.approx(2 * (8 / 48) * 0.8 / (8 / 48 + 0.8))
    assert accuracy(m) == pytest.approx(0.958)


def test_a_class_never_predicted_has_precision_zero_not_nan():
    precision, recall, f1 = precision_recall_f1(np.array([[5, 0], [3, 0]]))
    assert precision[1] == 0 and recall[1] == 0 and f1[1] == 0


def test_k_fold_validates_every_example_once():
    folds = k_fold(23, 5, seed=1)
    validated = np.concatenate([v for _, v in folds])
    assert sorted(validated.tolist()) == list(range(23))
    for train, val in folds:
        assert set(train).isdisjoint(val) and len(train) + len(val) == 23
    with pytest.raises(ValueError, match="k-fold"):
        k_fold(3, 5)


def test_bias_variance_of_known_predictions():
    truth = np.array([0.0, 1.0])
    preds = np.array([[1.0, 1.0], [3.0, 3.0]])      # average (2, 2): bias² = (4 + 1)/2, variance 1
    assert bias_variance(preds, truth) == (pytest.approx(2.5), pytest.approx(1.0))


def test_polynomial_fit_without_penalty_is_least_squares_and_the_penalty_shrinks():
    from engine.descent import polynomial_fit, polynomial_predict

    x = np.linspace(-2, 2, 9)
    y = 1 - 2 * x + x ** 2 + 0.1 * np.sin(5 * x)
    assert np.allclose(polynomial_fit(x, y, 3), np.polyfit(x, y, 3)[::-1])
    plain, ridge = polynomial_fit(x, y, 3), polynomial_fit(x, y, 3, lam=10.0)
    assert np.sum(ridge[1:] ** 2) < np.sum(plain[1:] ** 2)
    assert np.allclose(polynomial_predict([1, -2, 1], [0, 1, 3]), [1, 0, 4])


def test_cross_validate_is_the_mean_of_the_folds_half_mean_squares():
    from engine.metrics import cross_validate

    x = np.arange(6.0)
    y = x.copy()
    y[0] = 3.0                                  # one example off the line y = x
    mean_model = cross_validate(x, y, lambda a, b: b.mean(), lambda m, a: np.full(len(a), m), k=6)
    by_hand = np.mean([0.5 * (np.delete(y, i).mean() - y[i]) ** 2 for i in range(6)])   # leave-one-out
    assert mean_model == pytest.approx(by_hand)
