"""Checked numbers of lesson practice: six problems trained with the engine
(fixed seeds, so every run gives the same numbers).

digits: the course's hello-world, 64-50-10 with ReLU, pixels scaled to 0..1,
the split of sklearn's train_test_split(test_size=0.2, random_state=42),
softmax + cross-entropy, Adam(0.01), mini-batches of 32, 30 epochs.
"""
from functools import lru_cache


def _fit(layers, X, y, loss, opt, **kw):
    from engine.network import Sequential
    from engine.training import fit

    net = Sequential(layers)
    return net, fit(net, X, y, loss, opt, seed=0, **kw)


@lru_cache(maxsize=None)
def _gate(name):
    import numpy as np

    from engine.data import logic_gate
    from engine.layers import Dense, Tanh
    from engine.optimizers import Adam

    X, y = logic_gate(name)
    if name == "and":
        layers = [Dense(2, 1, init="xavier", rng=0)]
    else:
        layers = [Dense(2, 4, init="xavier", rng=0), Tanh(), Dense(4, 1, init="xavier", rng=1)]
    net, h = _fit(layers, X, y, "sigmoid_bce", Adam(0.1), epochs=500)
    p = 1 / (1 + np.exp(-net.predict(X).ravel()))
    return p, float(np.mean((p > 0.5) == (y.ravel() > 0.5)))


@lru_cache(maxsize=None)
def _curve(target):
    from engine.data import noisy_quadratic, sine
    from engine.layers import Dense, Tanh
    from engine.optimizers import Adam

    X, y = sine(n=40) if target == "sin" else noisy_quadratic(n=50, noise=0.5, seed=0)
    layers = [Dense(1, 16, init="xavier", rng=0), Tanh(), Dense(16, 1, init="xavier", rng=1)]
    return _fit(layers, X, y, "mse", Adam(0.01), epochs=1000)[1].train_loss[-1]


@lru_cache(maxsize=None)
def _iris():
    from engine.data import iris, train_test_split
    from engine.layers import Dense, Tanh
    from engine.optimizers import Adam
    from engine.training import evaluate

    d = iris()
    Xtr, Xte, ytr, yte = train_test_split(d.X, d.y, test_size=0.3, seed=0, stratify=True)
    mean, std = Xtr.mean(axis=0), Xtr.std(axis=0)
    Xtr, Xte = (Xtr - mean) / std, (Xte - mean) / std
    layers = [Dense(4, 8, init="xavier", rng=0), Tanh(), Dense(8, 3, init="xavier", rng=1)]
    net, _ = _fit(layers, Xtr, ytr, "softmax_ce", Adam(0.01), epochs=200)
    pred = net.predict(Xte).argmax(axis=1)
    wrong = [(int(t), int(q)) for t, q in zip(yte, pred) if t != q]
    # the lesson says every mistake mixes up versicolor (1) and virginica (2)
    mixed = all({t, q} == {1, 2} for t, q in wrong)
    return len(Xtr), len(Xte), evaluate(net, Xte, yte, "softmax_ce")[1], len(wrong) if mixed else -1


@lru_cache(maxsize=None)
def _digits():
    from engine.data import digits, sklearn_split
    from engine.layers import Dense, ReLU
    from engine.optimizers import Adam
    from engine.training import evaluate

    d = digits()
    Xtr, Xte, ytr, yte = sklearn_split(d.X / 16.0, d.y, test_size=0.2, random_state=42)
    layers = [Dense(64, 50, rng=0), ReLU(), Dense(50, 10, init="xavier", rng=1)]
    net, h = _fit(layers, Xtr, ytr, "softmax_ce", Adam(0.01), epochs=30, batch_size=32)
    loss, acc = evaluate(net, Xte, yte, "softmax_ce")
    return {"train": len(Xtr), "test": len(Xte), "params": net.param_count(), "acc": acc,
            "right": round(acc * len(Xte)), "train_acc": h.train_acc[-1]}


FACTS = {
    "prac.and_00": lambda: _gate("and")[0][0],
    "prac.and_11": lambda: _gate("and")[0][3],
    "prac.and_acc": lambda: _gate("and")[1],
    "prac.xor_01": lambda: _gate("xor")[0][1],
    "prac.xor_11": lambda: _gate("xor")[0][3],
    "prac.xor_acc": lambda: _gate("xor")[1],
    "prac.quad_loss": lambda: _curve("quad"),
    "prac.quad_floor": lambda: 0.5 * 0.5 ** 2,
    "prac.sine_loss": lambda: _curve("sin"),
    "prac.iris_train": lambda: _iris()[0],
    "prac.iris_test": lambda: _iris()[1],
    "prac.iris_acc": lambda: _iris()[2],
    "prac.iris_wrong": lambda: _iris()[3],
    "prac.dig_total": lambda: _digits()["train"] + _digits()["test"],
    "prac.dig_train": lambda: _digits()["train"],
    "prac.dig_test": lambda: _digits()["test"],
    "prac.dig_params": lambda: _digits()["params"],
    "prac.dig_w1": lambda: 64 * 50 + 50,
    "prac.dig_w2": lambda: 50 * 10 + 10,
    "prac.dig_acc": lambda: _digits()["acc"],
    "prac.dig_right": lambda: _digits()["right"],
    "prac.dig_wrong": lambda: _digits()["test"] - _digits()["right"],
    "prac.dig_train_acc": lambda: _digits()["train_acc"],
}
