"""Wrong on purpose: forward for central."""
def forward_difference(f, x, h=1e-6):
    return (f(x + h) - f(x)) / h


def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h
