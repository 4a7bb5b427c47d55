"""Wrong on purpose: h t for dWhh."""
import numpy as np


def rnn_step(x_t, h_prev, W_xh, W_hh, b_h):
    return np.tanh(W_xh @ x_t + W_hh @ h_prev + b_h)


def bptt(xs, W_xh, W_hh, b_h, dh):
    hs = [np.zeros(len(b_h))]
    for x in xs:
        hs.append(rnn_step(x, hs[-1], W_xh, W_hh, b_h))
    dW_xh, dW_hh, db_h = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros_like(b_h)
    back = np.zeros_like(b_h)
    for t in reversed(range(len(xs))):
        delta = (dh[t] + back) * (1 - hs[t + 1] ** 2)
        dW_xh += np.outer(delta, xs[t])
        dW_hh += np.outer(delta, hs[t + 1])
        db_h += delta
        back = W_hh.T @ delta
    return dW_xh, dW_hh, db_h
