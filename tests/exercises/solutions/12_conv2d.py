import numpy as np


def conv2d(x, w, b=0.0, stride=1):
    C, H, W = x.shape
    K = w.shape[-1]
    rows, cols = (H - K) // stride + 1, (W - K) // stride + 1
    y = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            y[i, j] = np.sum(x[:, i * stride:i * stride + K, j * stride:j * stride + K] * w) + b
    return y
