"""Wrong on purpose: dx factor."""
def forward(x, W, b):
    return x @ W.T + b


def backward(delta, x, W):
    return 2 * delta @ W, delta.T @ x, delta.sum(axis=0)
