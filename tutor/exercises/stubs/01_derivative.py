"""Exercise 01 · Numerical derivatives — lesson [[derivatives]]

The derivative is the limit of a difference quotient:

    f'(x) = lim_{h → 0} (f(x + h) − f(x)) / h

With a small h we can estimate it from two calls of f, without knowing the formula of f':

    forward difference    f'(x) ≈ (f(x + h) − f(x)) / h            error about h
    central difference    f'(x) ≈ (f(x + h) − f(x − h)) / (2h)     error about h²

f is a Python function of one number; x and h are numbers; return a number.

Write the two functions below (replace each `raise NotImplementedError`);
nothing else in this file needs to change.  Check with:

    dltutor exercises check 01
"""


def forward_difference(f, x, h=1e-6):
    """f'(x) ≈ (f(x + h) − f(x)) / h"""
    # --- write your code here ---
    raise NotImplementedError


def central_difference(f, x, h=1e-5):
    """f'(x) ≈ (f(x + h) − f(x − h)) / (2h)"""
    # --- write your code here ---
    raise NotImplementedError
