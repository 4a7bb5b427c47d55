"""Checked numbers of lesson evaluation.

A screening test (engine.metrics), the iris lab's own confusion matrix, ridge
polynomials on the noisy quadratic chosen by 5-fold cross-validation
(engine.descent.polynomial_fit, engine.metrics.cross_validate), bias² and
variance over 200 training sets, a saddle, and the sign of a layer's weight
gradients behind a sigmoid (engine.layers.Dense.backward).
"""
from functools import lru_cache

import numpy as np

LAMBDAS = (0.0, 0.1, 1.0, 10.0, 100.0)


@lru_cache(maxsize=None)
def _screening(tp=40, fn=10, fp=20, tn=930):
    """By default 1000 people, 50 sick (class 1); the test flags 60, of whom 40 are sick."""
    from engine.metrics import accuracy, confusion_matrix, precision_recall_f1

    truth = np.r_[np.ones(tp + fn), np.zeros(fp + tn)].astype(int)
    flagged = np.r_[np.ones(tp), np.zeros(fn), np.ones(fp), np.zeros(tn)].astype(int)
    m = confusion_matrix(truth, flagged, 2)
    precision, recall, f1 = precision_recall_f1(m)
    return m, float(precision[1]), float(recall[1]), float(f1[1]), accuracy(m)


@lru_cache(maxsize=None)
def _iris():
    """The confusion matrix of the iris lab with its default settings, and versicolor's P, R, F1."""
    from engine.metrics import precision_recall_f1
    from tutor.labs.iris import IrisLab

    m = [e.arrays["confusion"] for e in IrisLab().run() if "confusion" in e.arrays][-1]
    precision, recall, f1 = precision_recall_f1(m)
    return m, float(precision[1]), float(recall[1]), float(f1[1])


def _iris_cell(i, j):
    return int(_iris()[0][i, j])


def _quadratic(n=20, seed=0):
    from engine.data import noisy_quadratic

    return noisy_quadratic(n=n, noise=1.0, seed=seed)


@lru_cache(maxsize=None)
def _cv(lam, degree=9):
    from engine.descent import polynomial_fit, polynomial_predict
    from engine.metrics import cross_validate

    X, y = _quadratic()
    return cross_validate(X, y, lambda a, b: polynomial_fit(a, b, degree, lam), polynomial_predict, k=5, seed=0)


def _best_lambda():
    return min(LAMBDAS, key=_cv)


@lru_cache(maxsize=None)
def _bias_variance(degree):
    """Fit the degree on 200 fresh training sets of 20 points; judge at 51 points of [−2.5, 2.5]."""
    from engine.descent import polynomial_fit, polynomial_predict
    from engine.metrics import bias_variance

    grid = np.linspace(-2.5, 2.5, 51)
    truth = grid ** 2 - 2 * grid + 1
    preds = [polynomial_predict(polynomial_fit(*_quadratic(seed=100 + s), degree), grid) for s in range(200)]
    return bias_variance(np.array(preds), truth)


def _saddle_steps(lr=0.1, y0=1e-3):
    """Gradient-descent steps on f = ½(x² − y²) from (1, y0) until |y| > 1."""
    from engine.descent import gradient2d

    f = lambda x, y: 0.5 * (x * x - y * y)
    p, steps = np.array([1.0, y0]), 0
    while abs(p[1]) <= 1.0:
        p = p - lr * gradient2d(f, *p)
        steps += 1
    return steps, float(p[0])


def _weight_grads(h, delta=-0.5):
    """∂E/∂w of one neuron u = w·h + b for the inputs h and δ = ∂E/∂u."""
    from engine.layers import Dense

    layer = Dense(3, 1, W=[[0.1, 0.2, 0.3]], b=[0.0])
    layer.forward(np.array([h], dtype=float))
    layer.backward(np.array([[delta]]))
    return layer.grads["W"][0]


_SIG_H = [0.6, 0.9, 0.2]
_TANH_H = [0.2, -0.7, 0.4]


FACTS = {
    "ev.tp": lambda: int(_screening()[0][1, 1]),
    "ev.fn": lambda: int(_screening()[0][1, 0]),
    "ev.fp": lambda: int(_screening()[0][0, 1]),
    "ev.tn": lambda: int(_screening()[0][0, 0]),
    "ev.precision": lambda: _screening()[1],
    "ev.recall": lambda: _screening()[2],
    "ev.f1": lambda: _screening()[3],
    "ev.accuracy": lambda: _screening()[4],
    "ev.lazy_accuracy": lambda: _screening(0, 50, 0, 950)[4],
    "ev.lazy_recall": lambda: _screening(0, 50, 0, 950)[2],
    "ev.lazy_f1": lambda: _screening(0, 50, 0, 950)[3],
    "ev.iris_vv": lambda: int(_iris()[0][1, 1]),
    "ev.iris_vg": lambda: int(_iris()[0][1, 2]),
    "ev.iris_gv": lambda: int(_iris()[0][2, 1]),
    "ev.iris_gg": lambda: int(_iris()[0][2, 2]),
    "ev.iris_00": lambda: _iris_cell(0, 0),
    "ev.iris_01": lambda: _iris_cell(0, 1),
    "ev.iris_02": lambda: _iris_cell(0, 2),
    "ev.iris_10": lambda: _iris_cell(1, 0),
    "ev.iris_20": lambda: _iris_cell(2, 0),
    "ev.iris_n": lambda: int(_iris()[0].sum()),
    "ev.iris_acc": lambda: float(np.trace(_iris()[0]) / _iris()[0].sum()),
    "ev.iris_p": lambda: _iris()[1],
    "ev.iris_r": lambda: _iris()[2],
    "ev.iris_f1": lambda: _iris()[3],
    "ev.cv_0": lambda: _cv(0.0),
    "ev.cv_01": lambda: _cv(0.1),
    "ev.cv_1": lambda: _cv(1.0),
    "ev.cv_10": lambda: _cv(10.0),
    "ev.cv_100": lambda: _cv(100.0),
    "ev.cv_best": _best_lambda,
    "ev.cv_deg2": lambda: _cv(0.0, degree=2),
    "ev.b1": lambda: _bias_variance(1)[0],
    "ev.v1": lambda: _bias_variance(1)[1],
    "ev.b2": lambda: _bias_variance(2)[0],
    "ev.v2": lambda: _bias_variance(2)[1],
    "ev.b5": lambda: _bias_variance(5)[0],
    "ev.v5": lambda: _bias_variance(5)[1],
    "ev.v_ratio": lambda: _bias_variance(5)[1] / _bias_variance(2)[1],
    "ev.saddle_steps": lambda: _saddle_steps()[0],
    "ev.saddle_x": lambda: _saddle_steps()[1],
    "ev.sig_g1": lambda: float(_weight_grads(_SIG_H)[0]),
    "ev.sig_g2": lambda: float(_weight_grads(_SIG_H)[1]),
    "ev.sig_g3": lambda: float(_weight_grads(_SIG_H)[2]),
    "ev.tanh_g1": lambda: float(_weight_grads(_TANH_H)[0]),
    "ev.tanh_g2": lambda: float(_weight_grads(_TANH_H)[1]),
    "ev.tanh_g3": lambda: float(_weight_grads(_TANH_H)[2]),
    # the quiz
    "ev.q_precision": lambda: _screening(30, 20, 10, 940)[1],
    "ev.q_recall": lambda: _screening(30, 20, 10, 940)[2],
    "ev.q_f1": lambda: _screening(30, 20, 10, 940)[3],
}
