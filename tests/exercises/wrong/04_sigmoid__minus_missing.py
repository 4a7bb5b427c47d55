"""Wrong on purpose: minus missing."""
import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, e / (1 + e), 1 / (1 + e))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)
