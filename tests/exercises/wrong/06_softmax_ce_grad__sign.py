"""Wrong on purpose: sign."""
import numpy as np


def softmax_ce_grad(z, t):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return (t - e / e.sum(axis=-1, keepdims=True)) / len(z)
