"""Wrong on purpose: no max."""
import numpy as np


def softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def cross_entropy(p, t):
    return -np.sum(t * np.log(p)) / len(p)
