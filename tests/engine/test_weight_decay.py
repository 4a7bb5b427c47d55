"""L2 weight decay shrinks the weight matrices of every layer type and
nothing else: not the biases (b, b_h, b_y, b_f, ...), not an LSTM's
peepholes (p_f, p_i, p_o).  The rule lives in engine/layer.py.

Each case trains one step twice from the same start — with decay and
without — so the gradients are the same and the two results differ exactly
in the decayed parameters (by η·λ·θ for SGD).  Both ways of stepping are
checked: Optimizer.step (what fit() runs) and the update events of
engine.stepping (the labs' step-by-step view).
"""
import numpy as np
import pytest

from engine.conv import Conv2D
from engine.layers import Dense
from engine.losses import get_loss
from engine.network import Sequential
from engine.optimizers import SGD, Adam
from engine.recurrent import GRU, LSTM, RNN
from engine.stepping import train_step_events

SEQ, IMG = (2, 4, 2), (2, 1, 4, 4)      # input shapes: 2 sequences of 4 steps; 2 images 4 x 4
CASES = {
    "dense": (lambda: Dense(2, 3), (2, 2), {"W"}),
    "conv2d": (lambda: Conv2D(1, 2, 3), IMG, {"W"}),
    "rnn": (lambda: RNN(2, 3, output_size=2), SEQ, {"W_xh", "W_hh", "W_hy"}),
    "lstm": (lambda: LSTM(2, 3), SEQ, {"W_f", "W_i", "W_C", "W_o"}),
    "lstm-peephole": (lambda: LSTM(2, 3, variant="peephole"), SEQ, {"W_f", "W_i", "W_C", "W_o"}),
    "lstm-coupled": (lambda: LSTM(2, 3, variant="coupled"), SEQ, {"W_f", "W_C", "W_o"}),
    "gru": (lambda: GRU(2, 3), SEQ, {"W_z", "W_r", "W_h"}),
}
LR, DECAY = 0.1, 0.5


def _start(kind):
    """A one-layer network whose every parameter is nonzero (zeros would not show decay), and a batch."""
    make, shape, _ = CASES[kind]
    layer = make()
    rng = np.random.default_rng(1)
    for p in layer.params.values():
        p[...] = rng.uniform(0.5, 1.0, p.shape)
    net = Sequential([layer])
    X = rng.normal(size=shape)
    return net, X, rng.normal(size=net.predict(X).shape)


def _fit_step(kind, weight_decay):
    net, X, T = _start(kind)
    loss = get_loss("mse")
    net.backward(loss.grad(net.forward(X, training=True), T))
    SGD(LR, weight_decay=weight_decay).step(net)
    return net.layers[0]


def _events_step(kind, weight_decay):
    net, X, T = _start(kind)
    for _ in train_step_events(net, X, T, get_loss("mse"), SGD(LR, weight_decay=weight_decay)):
        pass
    return net.layers[0]


def _decayed_by_one_step(step, kind):
    plain, decayed = step(kind, 0.0), step(kind, DECAY)
    before = _start(kind)[0].layers[0].params
    moved = set()
    for key, theta in before.items():
        shift = decayed.params[key] - plain.params[key]
        if not np.allclose(shift, 0.0, atol=1e-12):
            assert np.allclose(shift, -LR * DECAY * theta), key       # exactly the decay term
            moved.add(key)
    return moved


@pytest.mark.parametrize("kind", CASES)
def test_fit_step_decays_exactly_the_weight_matrices(kind):
    assert _decayed_by_one_step(_fit_step, kind) == CASES[kind][2]


@pytest.mark.parametrize("kind", CASES)
def test_step_events_decay_exactly_the_weight_matrices(kind):
    assert _decayed_by_one_step(_events_step, kind) == CASES[kind][2]


@pytest.mark.parametrize("kind", CASES)
def test_each_layer_names_its_decayed_parameters(kind):
    make, _, weights = CASES[kind]
    assert set(make().decayed()) == weights


def test_adam_follows_the_same_rule():
    # Adam adds λθ to the gradient before its own rescaling: biases and peepholes still untouched
    net, X, T = _start("lstm-peephole")
    layer = net.layers[0]
    for key in layer.params:
        layer.grads[key] = np.zeros_like(layer.params[key])
    before = {k: p.copy() for k, p in layer.params.items()}
    Adam(0.01, weight_decay=0.1).step(net)
    moved = {k for k in before if not np.array_equal(before[k], layer.params[k])}
    assert moved == CASES["lstm-peephole"][2]
