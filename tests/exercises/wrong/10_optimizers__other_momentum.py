"""Wrong on purpose: other momentum."""
import numpy as np


def momentum_step(theta, g, v, lr=0.01, gamma=0.9):
    v = gamma * v + g
    return theta - lr * v, v


def adam_step(theta, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
