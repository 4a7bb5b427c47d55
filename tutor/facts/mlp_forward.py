"""Checked numbers of lesson mlp-forward (engine Dense layers and Sequential)."""
import numpy as np

_W1 = [[0.1, 0.2], [0.3, -0.1], [0.0, 0.5]]
_B1 = [0.0, 0.1, -0.2]
_W2 = [[1.0, -1.0, 0.5]]
_X = np.array([[1.0, 2.0]])      # one example per row


def _small_net():
    from engine.layers import Dense, ReLU
    from engine.network import Sequential

    return Sequential([Dense(2, 3, W=_W1, b=_B1), ReLU(), Dense(3, 1, W=_W2, b=[0.0])])


def _u1(j):
    from engine.layers import Dense

    return float(Dense(2, 3, W=_W1, b=_B1).forward(_X)[0, j])


def _digits_counts():
    from engine.layers import Dense, ReLU
    from engine.network import Sequential

    net = Sequential([Dense(784, 256), ReLU(), Dense(256, 128), ReLU(), Dense(128, 10)])
    return [c for c in net.param_counts() if c]   # activation layers have no parameters


FACTS = {
    "mlp.u1": lambda: _u1(0),
    "mlp.u2": lambda: _u1(1),
    "mlp.u3": lambda: _u1(2),
    "mlp.y": lambda: float(_small_net().forward(_X)[0, 0]),
    "mlp.inputs": lambda: 28 * 28,
    "mlp.p1": lambda: _digits_counts()[0],
    "mlp.p2": lambda: _digits_counts()[1],
    "mlp.p3": lambda: _digits_counts()[2],
    "mlp.ptotal": lambda: sum(_digits_counts()),
    "mlp.p1_share": lambda: 100 * _digits_counts()[0] / sum(_digits_counts()),
}
