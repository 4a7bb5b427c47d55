"""Judging a classifier or a model choice (lesson "Judging a model").

    confusion_matrix(y, p, k)   m[i, j] = how many examples of true class i were predicted j
                                (rows: true class, columns: predicted — as the labs draw it)
    precision_recall_f1(m)      per class, from a confusion matrix:
                                    precision = TP / (TP + FP)   (a column: of those predicted c, how many are c)
                                    recall    = TP / (TP + FN)   (a row: of the real c, how many were found)
                                    F1        = 2 P R / (P + R)  (their harmonic mean)
                                a class never predicted has precision 0 (0/0 taken as 0), likewise recall
    accuracy(m)                 the diagonal over the total
    k_fold(n, k, seed)          k (train, validation) index pairs; each example is validated exactly once
    cross_validate(x, y, fit, predict, k, seed)
                                the mean validation error (½ mean square) over the k folds
    bias_variance(preds, truth) squared bias and variance of many fitted models' predictions
"""
from __future__ import annotations

import numpy as np


def confusion_matrix(y_true, y_pred, k: int | None = None) -> np.ndarray:
    """m[i, j] = how many examples of class i were predicted as class j."""
    y_true = np.asarray(y_true, dtype=int).ravel()
    y_pred = np.asarray(y_pred, dtype=int).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"{y_true.size} true labels but {y_pred.size} predictions")
    if k is None:
        k = int(max(y_true.max(initial=-1), y_pred.max(initial=-1))) + 1
    if y_true.size and (min(y_true.min(), y_pred.min()) < 0 or max(y_true.max(), y_pred.max()) >= k):
        raise ValueError(f"class labels must lie in 0..{k - 1}")
    m = np.zeros((k, k), dtype=int)
    np.add.at(m, (y_true, y_pred), 1)
    return m


def _ratio(top, bottom) -> np.ndarray:
    top, bottom = np.asarray(top, dtype=float), np.asarray(bottom, dtype=float)
    return np.divide(top, bottom, out=np.zeros_like(top), where=bottom > 0)


def precision_recall_f1(m) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(precision, recall, F1), one number per class, from a confusion matrix."""
    m = np.asarray(m, dtype=float)
    tp = np.diag(m)
    precision = _ratio(tp, m.sum(axis=0))      # column sums: everything predicted as the class
    recall = _ratio(tp, m.sum(axis=1))         # row sums: everything that really is the class
    f1 = _ratio(2 * precision * recall, precision + recall)
    return precision, recall, f1


def accuracy(m) -> float:
    m = np.asarray(m, dtype=float)
    return float(np.trace(m) / m.sum()) if m.sum() else 0.0


def k_fold(n: int, k: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """k-fold cross-validation: shuffle 0..n-1 once (seeded), cut it into k folds of
    (almost) equal size; fold i validates, the other k − 1 train."""
    if not 2 <= int(k) <= int(n):
        raise ValueError(f"k-fold needs 2 <= k <= n, got k={k} for n={n}")
    order = np.random.default_rng(seed).permutation(int(n))
    folds = np.array_split(order, int(k))
    return [(np.concatenate([f for j, f in enumerate(folds) if j != i]), folds[i]) for i in range(int(k))]


def cross_validate(x, y, fit, predict, k: int = 5, seed: int = 0) -> float:
    """k-fold cross-validation of a model: fit(x_train, y_train) -> model, predict(model, x) -> outputs.
    Returns the mean over the folds of each validation fold's E = ½ mean (prediction − y)²."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    errors = []
    for train, valid in k_fold(len(x), k, seed):
        model = fit(x[train], y[train])
        residual = np.asarray(predict(model, x[valid]), dtype=float).ravel() - y[valid].ravel()
        errors.append(0.5 * float(np.mean(residual ** 2)))
    return float(np.mean(errors))


def bias_variance(predictions, truth) -> tuple[float, float]:
    """Models fitted on many independent training sets, evaluated at the same points.

    predictions: (runs, points); truth: the noise-free target at those points.
    bias² = mean over points of (average prediction − truth)²
    variance = mean over points of the spread of the predictions around their average
    (expected squared error on new data = bias² + variance + noise variance).
    """
    p = np.asarray(predictions, dtype=float)
    mean = p.mean(axis=0)
    return float(np.mean((mean - np.asarray(truth, dtype=float).ravel()) ** 2)), float(np.mean(p.var(axis=0)))
