"""Wrong on purpose: memory."""
def forward(x, W, b):
    cache = [list(range(10**8))]
    return x @ W.T + b


def backward(delta, x, W):
    return delta @ W, delta.T @ x, delta.sum(axis=0)
