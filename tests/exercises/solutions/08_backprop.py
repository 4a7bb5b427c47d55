import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train_step(x, t, W1, b1, W2, b2, lr):
    h = sigmoid(W1 @ x + b1)
    y = sigmoid(W2 @ h + b2)
    E = 0.5 * np.sum((t - y) ** 2)
    d2 = (y - t) * y * (1 - y)
    d1 = (W2.T @ d2) * h * (1 - h)
    return E, W1 - lr * np.outer(d1, x), W2 - lr * np.outer(d2, h)
