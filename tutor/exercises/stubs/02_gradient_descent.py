"""Exercise 02 · Gradient descent with the halving rule — lesson [[gradient-descent-1d]]

Find a minimum of f by walking against its slope, as the lesson's algorithm does:

    1. start at x0;
    2. estimate the slope with the forward difference, h = 1e-6:
           g = (f(x + h) − f(x)) / h
    3. if this is not the first iteration and the slope changed sign since the
       last one (g · g_last < 0), halve the learning rate: lr = lr / 2;
    4. the step is lr · g; if |lr · g| < min_step, stop (x does not move);
    5. otherwise x_new = x − lr · g, remember g as g_last, and go back to 2.
       Stop also after max_iterations updates.

Return the list of every x: [x0, x1, ..., xn] (x0 and one entry per update).
For f(x) = x² + sin x, x0 = 4, lr = 0.5 the lesson's run makes 10 updates:
[4, 0.3268…, −0.4735…, −0.4593…, −0.4537…, …] and stops near x = −0.4502.

f is a Python function of one number.  Write the function below (replace the
`raise NotImplementedError`).  Check with:

    dltutor exercises check 02
"""


def gradient_descent(f, x0, lr, min_step=1e-5, max_iterations=1000, h=1e-6):
    """Every x of the run, starting with x0."""
    xs = [x0]
    # --- write your code here ---
    raise NotImplementedError
