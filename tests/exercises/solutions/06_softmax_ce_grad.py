import numpy as np


def softmax_ce_grad(z, t):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True) - t) / len(z)
