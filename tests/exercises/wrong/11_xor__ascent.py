"""Wrong on purpose: ascent."""
import numpy as np

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
T = np.array([[0.0], [1.0], [1.0], [0.0]])


def gradients(X, t, W1, b1, W2, b2):
    n = len(X)
    h = np.tanh(X @ W1.T + b1)
    z = h @ W2.T + b2
    y = 1 / (1 + np.exp(-z))
    E = -np.mean(t * np.log(y) + (1 - t) * np.log(1 - y))
    dz = (y - t) / n
    dW2, db2 = dz.T @ h, dz.sum(axis=0)
    du = (dz @ W2) * (1 - h ** 2)
    return E, du.T @ X, du.sum(axis=0), dW2, db2


def train_xor(seed=0, hidden=4, epochs=2000, lr=0.5):
    rng = np.random.default_rng(seed)
    W1, b1 = rng.normal(0, 1, (hidden, 2)), np.zeros(hidden)
    W2, b2 = rng.normal(0, 1, (1, hidden)), np.zeros(1)
    losses = []
    for _ in range(epochs):
        E, dW1, db1, dW2, db2 = gradients(X, T, W1, b1, W2, b2)
        W1, b1, W2, b2 = W1 + lr * dW1, b1 + lr * db1, W2 + lr * dW2, b2 + lr * db2
        losses.append(E)
    return W1, b1, W2, b2, losses
