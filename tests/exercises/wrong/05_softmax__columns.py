"""Wrong on purpose: columns."""
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def cross_entropy(p, t):
    return -np.sum(t * np.log(p)) / len(p)
