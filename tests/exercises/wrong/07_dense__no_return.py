"""Wrong on purpose: no return."""
def forward(x, W, b):
    return x @ W.T + b


def backward(delta, x, W):
    grads = delta @ W, delta.T @ x, delta.sum(axis=0)
