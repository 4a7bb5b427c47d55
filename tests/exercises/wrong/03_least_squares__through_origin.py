"""Wrong on purpose: through origin."""
import numpy as np


def fit_line(x, y):
    xm, ym = x.mean(), y.mean()
    w = np.sum(x * y) / np.sum(x * x)
    return w, ym - w * xm
