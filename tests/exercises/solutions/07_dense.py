def forward(x, W, b):
    return x @ W.T + b


def backward(delta, x, W):
    return delta @ W, delta.T @ x, delta.sum(axis=0)
