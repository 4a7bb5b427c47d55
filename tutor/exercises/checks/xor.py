"""11 · a training loop that learns XOR (lesson [[practice]]): the gradients against the engine's
network (Dense, Tanh, Dense with the fused sigmoid + binary cross-entropy), then the
trained network's four answers."""
from __future__ import annotations

import numpy as np

from engine.activations import sigmoid
from engine.layers import Dense, Tanh
from engine.losses import SigmoidBinaryCrossEntropy
from engine.network import Sequential
from tutor.exercises import compare
from tutor.exercises.spec import call_case
from tutor.locale import t

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
T = np.array([[0.0], [1.0], [1.0], [0.0]])


def engine_gradients(X, T, W1, b1, W2, b2):
    net = Sequential([Dense(W1.shape[1], W1.shape[0], W=W1, b=b1), Tanh(),
                      Dense(W2.shape[1], W2.shape[0], W=W2, b=b2)])
    loss = SigmoidBinaryCrossEntropy()
    z = net.forward(X)
    E, grad = loss.value_and_grad(z, T)
    net.backward(grad)
    (d1, d2) = net.layers[0].grads, net.layers[2].grads
    return E, d1["W"], d1["b"], d2["W"], d2["b"]


def judge_training(value) -> str | None:
    """The trained network must answer XOR; the loss must have come down."""
    names = ("W1", "b1", "W2", "b2", "losses")
    if not isinstance(value, (tuple, list)) or len(value) != 5:
        return t("{what}: {expected} expected, {given} given", what=t("the result"),
                 expected=t("{n} values ({names})", n=5, names=", ".join(names)), given=compare.describe(value))
    arrays = [compare.as_array(v) for v in value]
    for name, array, raw in zip(names, arrays, value):
        if array is None:
            return t("{what}: {expected} expected, {given} given", what=name, expected=t("an array"),
                     given=compare.describe(raw))
    W1, b1, W2, b2, losses = arrays
    hidden = W1.shape[0] if W1.ndim == 2 else 0
    for name, array, shape in (("W1", W1, (hidden, 2)), ("b1", b1, (hidden,)), ("W2", W2, (1, hidden)),
                               ("b2", b2, (1,))):
        if array.shape != shape or hidden == 0:
            return compare.shape_problem(name, np.zeros(shape if hidden else (4, 2)), array)
    losses = losses.ravel()
    if losses.size < 2 or not np.isfinite(losses[0]):
        return t("losses must hold the loss of every epoch, as numbers")
    first, last = compare.number(losses[0]), compare.number(losses[-1])
    if not losses[-1] <= losses[0]:                 # grew, or ran off to inf or nan
        return t("the loss grew from {first} to {last}: are the weights moving along the gradient instead of "
                 "against it?", first=first, last=last)
    if losses[-1] > 0.99 * losses[0]:
        return t("the loss hardly changed ({first} → {last}): are the weights updated at all?", first=first, last=last)
    with np.errstate(all="ignore"):
        y = sigmoid(np.tanh(X @ W1.T + b1) @ W2.T + b2).ravel()
    if not np.all((y > 0.5) == (T.ravel() > 0.5)):
        return t("the network has not learned XOR: it outputs {outputs} for (0, 0), (0, 1), (1, 0), (1, 1), where "
                 "0, 1, 1, 0 are expected", outputs=", ".join(f"{v:.3f}" for v in y))
    return None


def cases():
    rng = np.random.default_rng(11)
    out = []
    for data, target, hidden in ((X, T, 4), (rng.normal(size=(6, 2)), rng.integers(0, 2, (6, 1)).astype(float), 3)):
        W1, b1 = rng.normal(size=(hidden, 2)), rng.normal(size=hidden)
        W2, b2 = rng.normal(size=(1, hidden)), rng.normal(size=1)
        args = [("X", data), ("t", target), ("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2)]
        out.append(call_case("gradients", "X, t, W1, b1, W2, b2", args,
                             engine_gradients(data, target, W1, b1, W2, b2), names=("E", "dW1", "db1", "dW2", "db2"),
                             order=(0, 3, 4, 1, 2), batch=len(data)))
    for seed in (0, 1, 2):
        # a diverging run may warn about overflow: the loss says more than the warning
        case = call_case("train_xor", "seed", [("seed", seed)], None, judge=judge_training, warnings_ok=True)
        out.append(case)
    return out
