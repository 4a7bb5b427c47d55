"""Checked numbers of lesson backpropagation: the classic 2-2-2 sigmoid example.

Inputs 0.05, 0.10; w1..w4 = 0.15, 0.20, 0.25, 0.30, b1 = 0.35;
w5..w8 = 0.40, 0.45, 0.50, 0.55, b2 = 0.60; targets 0.01, 0.99; lr 0.5;
E = ½ Σ (out − target)² (the engine's MSE for a batch of one).
Computed with engine layers: W has shape (out, in), so row j holds the
weights into neuron j: W1 = [[w1, w2], [w3, w4]], W2 = [[w5, w6], [w7, w8]].
"""
import numpy as np

_X = np.array([[0.05, 0.10]])
_T = np.array([[0.01, 0.99]])
_LR = 0.5


def _run():
    """Forward and backward once; returns a dict of every intermediate number."""
    from engine.layers import Dense, Sigmoid
    from engine.losses import MSE

    hidden = Dense(2, 2, W=[[0.15, 0.20], [0.25, 0.30]], b=[0.35, 0.35])
    output = Dense(2, 2, W=[[0.40, 0.45], [0.50, 0.55]], b=[0.60, 0.60])
    s1, s2 = Sigmoid(), Sigmoid()
    net_h = hidden.forward(_X)
    out_h = s1.forward(net_h)
    net_o = output.forward(out_h)
    out_o = s2.forward(net_o)
    loss = MSE()
    d_out_o = loss.grad(out_o, _T)            # ∂E/∂out_o = out_o − target
    d_net_o = s2.backward(d_out_o)            # × out_o (1 − out_o)
    d_out_h = output.backward(d_net_o)        # Σ over outputs of δ_o · w
    d_net_h = s1.backward(d_out_h)
    hidden.backward(d_net_h)
    return {
        "net_h1": net_h[0, 0], "out_h1": out_h[0, 0], "out_h2": out_h[0, 1],
        "net_o1": net_o[0, 0], "out_o1": out_o[0, 0], "out_o2": out_o[0, 1],
        "E_o1": 0.5 * (_T[0, 0] - out_o[0, 0]) ** 2, "E_o2": 0.5 * (_T[0, 1] - out_o[0, 1]) ** 2,
        "E": loss.value(out_o, _T),
        "dE_dout_o1": d_out_o[0, 0], "dout_dnet_o1": out_o[0, 0] * (1 - out_o[0, 0]),
        "delta_o1": d_net_o[0, 0], "delta_o2": d_net_o[0, 1],
        "dE_dw5": output.grads["W"][0, 0], "w5_new": 0.40 - _LR * output.grads["W"][0, 0],
        "dE_dout_h1": d_out_h[0, 0], "dout_dnet_h1": out_h[0, 0] * (1 - out_h[0, 0]),
        "delta_h1": d_net_h[0, 0],
        "dE_dw1": hidden.grads["W"][0, 0], "w1_new": 0.15 - _LR * hidden.grads["W"][0, 0],
    }


_cache = {}


def _v(name):
    if not _cache:
        _cache.update(_run())
    return float(_cache[name])


_NAMES = ["net_h1", "out_h1", "out_h2", "net_o1", "out_o1", "out_o2", "E_o1", "E_o2", "E",
          "dE_dout_o1", "dout_dnet_o1", "delta_o1", "delta_o2", "dE_dw5", "w5_new",
          "dE_dout_h1", "dout_dnet_h1", "delta_h1", "dE_dw1", "w1_new"]
FACTS = {f"bp.{name}": (lambda n=name: _v(n)) for name in _NAMES}
