"""Wrong on purpose: averaged db."""
def forward(x, W, b):
    return x @ W.T + b


def backward(delta, x, W):
    return delta @ W, delta.T @ x, delta.mean(axis=0)
