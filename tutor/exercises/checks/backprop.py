"""08 · the 2-2-2 backpropagation example (lesson [[backpropagation]]): one training step, biases fixed,
against the engine's network (engine.backprop_example builds the lesson's)."""
from __future__ import annotations

import numpy as np

from engine.backprop_example import B1, B2, INPUTS, LR, TARGETS, W1, W2
from engine.layers import Dense, Sigmoid
from engine.losses import MSE
from engine.network import Sequential
from engine.optimizers import SGD
from tutor.exercises.spec import call_case
from tutor.locale import t


def engine_step(x, target, W1, b1, W2, b2, lr):
    net = Sequential([Dense(W1.shape[1], W1.shape[0], W=W1, b=b1, frozen={"b"}), Sigmoid(),
                      Dense(W2.shape[1], W2.shape[0], W=W2, b=b2, frozen={"b"}), Sigmoid()])
    X, T = x[None], target[None]
    y = net.forward(X)
    E = MSE().value(y, T)
    net.backward(MSE().grad(y, T))
    SGD(lr).step(net)
    return E, net.layers[0].params["W"].copy(), net.layers[2].params["W"].copy()


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def variant(x, target, W1, b1, W2, b2, lr, stale=False, ascent=False, no_fprime=False):
    """The step with one common mistake (for the messages that name it)."""
    h = _sigmoid(W1 @ x + b1)
    y = _sigmoid(W2 @ h + b2)
    d2 = (y - target) * (1.0 if no_fprime else y * (1 - y))
    step = -lr if not ascent else lr
    W2_new = W2 + step * np.outer(d2, h)
    d1 = ((W2_new if stale else W2).T @ d2) * h * (1 - h)
    return W1 + step * np.outer(d1, x), W2_new


def cases():
    rng = np.random.default_rng(8)
    lesson = (np.array(INPUTS), np.array(TARGETS), np.array(W1), np.array([B1, B1]), np.array(W2),
              np.array([B2, B2]), LR)
    runs = [(lesson, t("the example of lesson {lesson}", lesson="[[backpropagation]]"))]
    for n_in, n_hidden, n_out in ((2, 2, 2), (3, 4, 2)):
        runs.append(((rng.normal(size=n_in), rng.uniform(0.05, 0.95, n_out), rng.normal(size=(n_hidden, n_in)),
                      rng.normal(size=n_hidden), rng.normal(size=(n_out, n_hidden)), rng.normal(size=n_out), 0.5), ""))
    out = []
    for args, label in runs:
        E, W1_new, W2_new = engine_step(*args)
        stale, ascent, no_fprime = (variant(*args, stale=True), variant(*args, ascent=True),
                                    variant(*args, no_fprime=True))
        names = ("x", "t", "W1", "b1", "W2", "b2", "lr")
        out.append(call_case("train_step", "x, t, W1, b1, W2, b2, lr", list(zip(names, args)), (E, W1_new, W2_new),
                             names=("E", "W1_new", "W2_new"), order=(0, 2, 1), label=label, mistakes={
                                 0: [(2 * E, t("E is twice the expected one: the lesson's error is "
                                               "E = ½ Σ (t − out)²"))],
                                 2: [(ascent[1], t("the weights moved along the gradient; the update is "
                                                   "W ← W − η ∂E/∂W")),
                                     (no_fprime[1], t("the output layer's δ lacks the factor out(1 − out): "
                                                      "δ = (out − t) · out(1 − out)"))],
                                 1: [(stale[0], t("the hidden layer's gradient used the already updated W2: "
                                                  "compute every gradient first, then update")),
                                     (ascent[0], t("the weights moved along the gradient; the update is "
                                                   "W ← W − η ∂E/∂W"))]}))
    return out
