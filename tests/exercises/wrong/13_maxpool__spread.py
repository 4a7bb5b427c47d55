"""Wrong on purpose: spread."""
import numpy as np


def maxpool_forward(x, size=2):
    C, H, W = x.shape
    y = np.zeros((C, H // size, W // size))
    for c in range(C):
        for i in range(H // size):
            for j in range(W // size):
                y[c, i, j] = x[c, i * size:(i + 1) * size, j * size:(j + 1) * size].max()
    return y


def maxpool_backward(delta, x, size=2):
    dx = np.zeros_like(x)
    C, rows, cols = delta.shape
    for c in range(C):
        for i in range(rows):
            for j in range(cols):
                window = x[c, i * size:(i + 1) * size, j * size:(j + 1) * size]
                dx[c, i * size:(i + 1) * size, j * size:(j + 1) * size] += delta[c, i, j]
    return dx
