"""Wrong on purpose: x never moves, so the loop never ends."""


def gradient_descent(f, x0, lr, min_step=1e-5, max_iterations=1000, h=1e-6):
    xs = [x0]
    x = x0
    g = (f(x + h) - f(x)) / h
    while abs(lr * g) >= min_step:
        g = (f(x + h) - f(x)) / h
    return xs
