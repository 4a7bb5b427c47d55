"""Wrong on purpose: no tanh."""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lstm_step(x_t, h_prev, c_prev, W_f, b_f, W_i, b_i, W_C, b_C, W_o, b_o):
    hx = np.concatenate([h_prev, x_t])
    f = sigmoid(W_f @ hx + b_f)
    i = sigmoid(W_i @ hx + b_i)
    c = f * c_prev + i * np.tanh(W_C @ hx + b_C)
    o = sigmoid(W_o @ hx + b_o)
    return o * c, c
