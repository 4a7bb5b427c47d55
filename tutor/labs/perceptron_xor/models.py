"""The perceptron-xor lab's three models by name, the grid their decision regions are
drawn on, the classic perceptron rule, and accuracy that counts an undecided output as wrong."""
from __future__ import annotations

import numpy as np

from tutor.locale import N_, translated

LOW, HIGH, GRID = -0.25, 1.25, 13      # 13 pixels: the corners 0 and 1 fall on pixels 2 and 10
BLOWUP = 10        # a loss this many times its first value counts as diverged (full batch: one step an epoch)
UNDECIDED = 0.01   # an output within this of 0.5 decides nothing: in the maps "?", in the accuracy wrong
# the English titles also key the loss curves' series
MODELS = (("and1", N_("AND · one neuron")), ("xor1", N_("XOR · one neuron")), ("xor2", N_("XOR · 2-2-1 net")))
SHORT = {"and1": N_("AND, 1 neuron"), "xor1": N_("XOR, 1 neuron"), "xor2": N_("XOR, 2-2-1")}


def model_titles() -> tuple[tuple[str, str], ...]:
    """MODELS in the student's language: ((key, title), ...)."""
    return tuple((key, translated(title)) for key, title in MODELS)


def short_titles() -> dict:
    return {key: translated(title) for key, title in SHORT.items()}


def perceptron_rule(targets, lr: float = 1.0, passes: int = 100) -> dict:
    """The perceptron rule on the four corners from w = 0, b = 0."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    w, b = np.zeros(2), 0.0
    mistakes = []
    for _ in range(passes):
        errors = 0
        for x, t in zip(X, targets):
            y = 1.0 if w @ x + b > 0 else 0.0
            if y != t:
                w, b = w + lr * (t - y) * x, b + lr * (t - y)
                errors += 1
        mistakes.append(errors)
        if errors == 0:
            break
    return {"passes": len(mistakes), "learned": mistakes[-1] == 0, "mistakes": mistakes, "w": w, "b": b}


def grid_points() -> np.ndarray:
    """GRID × GRID points over [LOW, HIGH]², top row = largest x₂ (as on paper)."""
    axis = np.linspace(LOW, HIGH, GRID)
    xx, yy = np.meshgrid(axis, axis[::-1])
    return np.c_[xx.ravel(), yy.ravel()]


def corner_pixels() -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of the corners (0,0), (0,1), (1,0), (1,1) on the grid."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    step = (HIGH - LOW) / (GRID - 1)
    cols = np.round((X[:, 0] - LOW) / step).astype(int)
    rows = np.round((HIGH - X[:, 1]) / step).astype(int)
    return rows, cols



def decided_accuracy(net, X, t) -> float:
    """The share of corners the network gets right *and decides*: an output of 0.500 is a
    coin toss, not a "0", so one neuron on XOR (y = 0.5 everywhere) scores 0, whatever
    the sign of its last digits."""
    from engine.activations import sigmoid

    y = sigmoid(net.predict(X)).ravel()
    t = np.asarray(t).ravel()
    right = ((y > 0.5 + UNDECIDED) & (t == 1)) | ((y < 0.5 - UNDECIDED) & (t == 0))
    return float(np.mean(right))
