"""Checked numbers of lesson neuron-and-bias."""
import numpy as np

_GATE_INPUTS = {"00": (0, 0), "01": (0, 1), "10": (1, 0), "11": (1, 1)}


def _u(w, x, b):
    # u = w^T x + b, with the engine's Dense layer (W has shape (out, in))
    from engine.layers import Dense

    layer = Dense(len(w), 1, W=np.array([w], dtype=float), b=[b])
    return float(layer.forward(np.array([x], dtype=float))[0, 0])


def _sigmoid(z):
    from engine.activations import sigmoid

    return float(sigmoid(np.array(z, dtype=float)))


def _sig_and(x):
    """The worked example: a sigmoid neuron with w = (2, 2), b = -3 reads as AND."""
    return _sigmoid(_u((2, 2), x, -3))


FACTS = {
    "neuron.sig_y00": lambda: _sig_and((0, 0)),
    "neuron.sig_y01": lambda: _sig_and((0, 1)),
    "neuron.sig_y11": lambda: _sig_and((1, 1)),
    "neuron.u": lambda: _u((0.4, -0.2), (1, 0.5), 0.1),
    "neuron.y": lambda: _sigmoid(_u((0.4, -0.2), (1, 0.5), 0.1)),
    "neuron.and_margin": lambda: min(abs(_u((1, 1), x, -1.5)) for x in _GATE_INPUTS.values()),
}
for _name, _x in _GATE_INPUTS.items():
    FACTS[f"neuron.and_u{_name}"] = lambda x=_x: _u((1, 1), x, -1.5)
    FACTS[f"neuron.b1_u{_name}"] = lambda x=_x: _u((1, 1), x, -1.0)
