"""Exercise 03 · Least squares in closed form — lesson [[regression]]

The line y = w x + b that makes the squared error

    E(w, b) = Σ_i (w x_i + b − y_i)²

smallest has ∂E/∂w = 0 and ∂E/∂b = 0, which gives

    w = Σ_i (x_i − x̄)(y_i − ȳ) / Σ_i (x_i − x̄)²,      b = ȳ − w x̄

where x̄ and ȳ are the means.  For the lesson's points x = 1, 2, 3, 4, 5 and
y = 2.1, 3.9, 6.2, 7.8, 10.1 this gives w = 1.99, b = 0.05.

x and y are NumPy arrays of shape (n,).  Return the two numbers (w, b).

Write the function below (replace the `raise NotImplementedError`).  Check with:

    dltutor exercises check 03
"""


def fit_line(x, y):
    """(w, b) of the least-squares line."""
    # --- write your code here ---
    raise NotImplementedError
