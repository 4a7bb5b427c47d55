"""Wrong on purpose: forward x W."""
def forward(x, W, b):
    return x @ W + b


def backward(delta, x, W):
    return delta @ W, delta.T @ x, delta.sum(axis=0)
