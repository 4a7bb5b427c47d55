"""Wrong on purpose: where both branches."""
import numpy as np


def sigmoid(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)
