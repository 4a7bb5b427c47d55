"""Wrong on purpose: logits."""
import numpy as np


def softmax_ce_grad(z, t):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return (z - t) / len(z)
