"""Checked numbers of lesson applications-and-challenges: a triplet loss by
hand, a Gram matrix, the ejection fraction, parameter counts of a
bidirectional LSTM (engine.recurrent.param_count_formula), model sizes in
bytes, and FGSM on the lesson-17 digits network trained by the engine."""
from functools import lru_cache

import numpy as np

A, P, N_CLOSE, N_FAR = (0.1, 0.9), (0.2, 0.8), (0.3, 0.6), (0.9, 0.1)
ALPHA = 0.2


def _d2(u, v):
    return float(np.sum((np.array(u) - np.array(v)) ** 2))


def _triplet(n):
    return max(_d2(A, P) - _d2(A, n) + ALPHA, 0.0)


def _gram():
    F = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]])    # 2 channels x 3 positions
    return F @ F.T


@lru_cache(maxsize=None)
def _digits_net():
    from engine.data import digits, sklearn_split
    from engine.layers import Dense, ReLU
    from engine.network import Sequential
    from engine.optimizers import Adam
    from engine.training import fit

    d = digits()
    Xtr, Xte, ytr, yte = sklearn_split(d.X / 16.0, d.y, test_size=0.2, random_state=42)
    net = Sequential([Dense(64, 50, rng=0), ReLU(), Dense(50, 10, init="xavier", rng=1)])
    fit(net, Xtr, ytr, "softmax_ce", Adam(0.01), epochs=30, batch_size=32, seed=0)
    return net, Xte, yte


def _probs(net, x):
    from engine.activations import softmax

    return softmax(net.predict(x.reshape(1, 64)))[0]


@lru_cache(maxsize=None)
def _fgsm():
    """The first test digit: the smallest ε (steps of 0.01) whose FGSM image
    x' = clip(x + ε sign(∇ₓE), 0, 1) is classified differently."""
    from engine.losses import SoftmaxCrossEntropy, one_hot

    net, Xte, yte = _digits_net()
    x, label = Xte[0], int(yte[0])
    z = net.forward(x.reshape(1, 64))
    _, delta = SoftmaxCrossEntropy().value_and_grad(z, one_hot([label], 10))
    g = net.backward(delta).reshape(64)
    p = _probs(net, x)
    for eps in np.round(np.arange(0.01, 1.0001, 0.01), 2):
        adv = np.clip(x + eps * np.sign(g), 0.0, 1.0)
        q = _probs(net, adv)
        if int(np.argmax(q)) != label:
            return {"label": label, "p": float(p[label]), "eps": float(eps), "new": int(np.argmax(q)),
                    "q": float(q.max()), "q_label": float(q[label])}
    raise AssertionError("no epsilon up to 1 flips the first test digit")


EPS_BIG = 0.15


@lru_cache(maxsize=None)
def _fgsm_at(eps):
    """(predicted class, its probability) for the first test digit moved by a fixed ε."""
    from engine.losses import SoftmaxCrossEntropy, one_hot

    net, Xte, yte = _digits_net()
    x, label = Xte[0], int(yte[0])
    z = net.forward(x.reshape(1, 64))
    _, delta = SoftmaxCrossEntropy().value_and_grad(z, one_hot([label], 10))
    g = net.backward(delta).reshape(64)
    q = _probs(net, np.clip(x + eps * np.sign(g), 0.0, 1.0))
    return int(np.argmax(q)), float(q.max())


FACTS = {
    "app.dap": lambda: _d2(A, P),
    "app.dan": lambda: _d2(A, N_CLOSE),
    "app.loss_close": lambda: _triplet(N_CLOSE),
    "app.dan_far": lambda: _d2(A, N_FAR),
    "app.loss_far": lambda: _triplet(N_FAR),
    "app.g00": lambda: _gram()[0, 0],
    "app.g01": lambda: _gram()[0, 1],
    "app.g11": lambda: _gram()[1, 1],
    "app.ef": lambda: (120 - 50) / 120,
    "app.lstm_13_64": lambda: __import__("engine.recurrent", fromlist=["x"]).param_count_formula("lstm", 13, 64),
    "app.bilstm_13_64": lambda: 2 * __import__("engine.recurrent", fromlist=["x"]).param_count_formula("lstm", 13, 64),
    "app.gpt3_gb32": lambda: 175e9 * 4 / 1e9,
    "app.gpt3_gb16": lambda: 175e9 * 2 / 1e9,
    "app.digits_bytes": lambda: _digits_net()[0].param_count() * 4,
    "app.lenet_bytes": lambda: 61706 * 4,
    "app.fgsm_label": lambda: _fgsm()["label"],
    "app.fgsm_p": lambda: _fgsm()["p"],
    "app.fgsm_eps": lambda: _fgsm()["eps"],
    "app.fgsm_new": lambda: _fgsm()["new"],
    "app.fgsm_q": lambda: _fgsm()["q"],
    "app.fgsm_eps16": lambda: _fgsm()["eps"] * 16,
    # a larger step: wrong, and sure of it
    "app.fgsm_eps_big": lambda: EPS_BIG,
    "app.fgsm_new_big": lambda: _fgsm_at(EPS_BIG)[0],
    "app.fgsm_q_big": lambda: _fgsm_at(EPS_BIG)[1],
}
