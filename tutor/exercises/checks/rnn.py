"""14 · an RNN step and backpropagation through three steps (lesson [[rnn]]), against engine.recurrent.RNN."""
from __future__ import annotations

import numpy as np

from engine.recurrent import RNN
from tutor.exercises.spec import call_case
from tutor.locale import t


def _layer(W_xh, W_hh, b_h):
    layer = RNN(W_xh.shape[1], W_xh.shape[0])
    layer.params.update(W_xh=W_xh.copy(), W_hh=W_hh.copy(), b_h=b_h.copy())
    return layer


def engine_step(x_t, h_prev, W_xh, W_hh, b_h):
    return _layer(W_xh, W_hh, b_h).forward(x_t[None], h0=h_prev)[0]


def engine_bptt(xs, W_xh, W_hh, b_h, dh):
    layer = _layer(W_xh, W_hh, b_h)
    layer.forward(xs)
    layer.backward(dh)
    return layer.grads["W_xh"], layer.grads["W_hh"], layer.grads["b_h"]


def variant_bptt(xs, W_xh, W_hh, b_h, dh, carry=True, prev=True, fprime=True):
    """BPTT with one common mistake (for the messages that name it)."""
    hs = [np.zeros(W_hh.shape[0])]
    for x in xs:
        hs.append(np.tanh(W_xh @ x + W_hh @ hs[-1] + b_h))
    dW_xh, dW_hh, db = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros_like(b_h)
    back = np.zeros_like(b_h)
    for step in reversed(range(len(xs))):
        grad = dh[step] + (back if carry else 0.0)
        delta = grad * (1 - hs[step + 1] ** 2) if fprime else grad
        dW_xh += np.outer(delta, xs[step])
        dW_hh += np.outer(delta, hs[step] if prev else hs[step + 1])
        db += delta
        back = W_hh.T @ delta
    return dW_xh, dW_hh, db


def cases():
    rng = np.random.default_rng(14)
    one = (np.array([[0.5]]), np.array([[0.8]]), np.zeros(1))      # the lesson's one-unit network
    steps = [(np.array([1.0]), np.zeros(1), *one, t("the example of lesson {lesson}: h₁", lesson="[[rnn]]")),
             (np.array([0.0]), np.tanh([0.5]), *one, t("the example of lesson {lesson}: h₂", lesson="[[rnn]]"))]
    for n_in, hidden in ((2, 3), (3, 4)):
        steps.append((rng.normal(size=n_in), rng.normal(size=hidden), rng.normal(size=(hidden, n_in)),
                      rng.normal(size=(hidden, hidden)) * 0.5, rng.normal(size=hidden), ""))
    out = []
    names = ("x_t", "h_prev", "W_xh", "W_hh", "b_h")
    for *args, label in steps:
        out.append(call_case("rnn_step", ", ".join(names), list(zip(names, args)), engine_step(*args), label=label))
    for n_in, hidden in ((3, 2), (2, 3)):
        xs, W_xh = rng.normal(size=(3, n_in)), rng.normal(size=(hidden, n_in))
        W_hh, b_h, dh = rng.normal(size=(hidden, hidden)) * 0.7, rng.normal(size=hidden), rng.normal(size=(3, hidden))
        args = (xs, W_xh, W_hh, b_h, dh)
        no_carry, late = variant_bptt(*args, carry=False), variant_bptt(*args, prev=False)
        flat = variant_bptt(*args, fprime=False)
        out.append(call_case("bptt", "xs, W_xh, W_hh, b_h, dh",
                             list(zip(("xs", "W_xh", "W_hh", "b_h", "dh"), args)), engine_bptt(*args),
                             names=("dW_xh", "dW_hh", "db_h"), mistakes={None: [
                                 (no_carry, t("each step used only its own dh[t]; h_t also receives what the next step "
                                              "sends back: W_hhᵀ δ of step t + 1")),
                                 (flat, t("the factor tanh' = 1 − h_t² is missing: δ_t = ∂L/∂h_t · (1 − h_t²)"))],
                                 1: [(late[1], t("dW_hh used h_t; the weight W_hh multiplies the previous state: "
                                                 "add δ_t h_prevᵀ"))]}))
    return out
