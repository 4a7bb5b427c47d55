"""Exercise 04 · The sigmoid and its derivative — lesson [[activation-functions]]

    σ(z) = 1 / (1 + e^(−z)),        σ'(z) = σ(z) (1 − σ(z))

z is a NumPy array of any shape (even a single number as a 0-d array); return an
array of the same shape, element by element.

They must work for ANY float, without overflow warnings: for z = −1000,
e^(−z) = e^1000 is far beyond the largest float.  Find a way to compute σ(z)
that never hands np.exp a large positive number.

This interface is fixed — sigmoid(z) and sigmoid_prime(z) — so later exercises
and your teacher's own can rely on it.  Write the two functions below (replace
each `raise NotImplementedError`).  Check with:

    dltutor exercises check 04
"""


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), element by element."""
    # --- write your code here ---
    raise NotImplementedError


def sigmoid_prime(z):
    """σ'(z) = σ(z)(1 − σ(z)), element by element."""
    # --- write your code here ---
    raise NotImplementedError
