"""Checked numbers of lesson perceptron-and-xor."""
import numpy as np

_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
_AND = np.array([0, 0, 0, 1], dtype=float)
_XOR = np.array([0, 1, 1, 0], dtype=float)


def _perceptron(targets, lr=1.0, passes=100):
    """The perceptron rule from w = 0, b = 0: (passes until error-free or None, w, b, errors in last pass)."""
    w, b = np.zeros(2), 0.0
    errors = 0
    for p in range(passes):
        errors = 0
        for x, t in zip(_X, targets):
            y = 1.0 if w @ x + b > 0 else 0.0
            if y != t:
                w, b = w + lr * (t - y) * x, b + lr * (t - y)
                errors += 1
        if errors == 0:
            return p + 1, w, b, 0
    return None, w, b, errors


def _pass(targets, n):
    """(w1, w2, b, mistakes) after pass n of the perceptron rule: the table of the worked example."""
    _, w, b, errors = _perceptron(targets, passes=n)
    return float(w[0]), float(w[1]), float(b), errors


def _lab_loss(**settings):
    """The final loss of the perceptron-xor lab's 2-2-1 network (the lab question's starting point)."""
    from tutor.labs import get_lab

    lab = get_lab("perceptron-xor").from_tokens([f"{k}={v}" for k, v in settings.items()])
    return [e for e in lab.run() if e.kind == "done"][-1].values["train_loss"]


def _xor_net(x1, x2):
    from engine.activations import relu

    h = relu(np.array([x1 - x2, x2 - x1], dtype=float))
    return float(h.sum())


FACTS = {
    "xor.and_epochs": lambda: _perceptron(_AND)[0],
    "xor.and_w1": lambda: _perceptron(_AND)[1][0],
    "xor.and_w2": lambda: _perceptron(_AND)[1][1],
    "xor.and_b": lambda: _perceptron(_AND)[2],
    "xor.xor_errors": lambda: _perceptron(_XOR)[3],
    "xor.y00": lambda: _xor_net(0, 0),
    "xor.y01": lambda: _xor_net(0, 1),
    "xor.y10": lambda: _xor_net(1, 0),
    "xor.y11": lambda: _xor_net(1, 1),
    **{f"xor.pass{n}_{name}": (lambda n=n, i=i: _pass(_AND, n)[i])
       for n in (1, 2, 3, 4, 5, 6) for i, name in enumerate(("w1", "w2", "b", "errors"))},
    "xor.lab_loss100": lambda: _lab_loss(epochs=100, seed=1),
}
