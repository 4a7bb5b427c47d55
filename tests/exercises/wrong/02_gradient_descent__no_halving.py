"""Wrong on purpose: no halving."""
def gradient_descent(f, x0, lr, min_step=1e-5, max_iterations=1000, h=1e-6):
    xs = [x0]
    x, last = x0, None
    for k in range(max_iterations):
        g = (f(x + h) - f(x)) / h
        if abs(lr * g) < min_step:
            break
        x = x - lr * g
        xs.append(x)
        last = g
    return xs
