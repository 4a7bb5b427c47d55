"""Exercise 06 · The gradient of softmax with cross-entropy — lesson [[loss-functions]]

With ŷ = softmax(z) and E = −Σ_k t_k ln ŷ_k, the softmax Jacobian and the 1/ŷ of
the logarithm cancel, and the lesson shows

    ∂E/∂z = ŷ − t

For a batch z and t have shape (n, K) (one row per example, t one-hot) and E is
the MEAN over the n rows, so each row's gradient is divided by n:

    ∂E/∂z = (softmax(z) − t) / n            shape (n, K)

z may hold large numbers (up to 10⁴): compute the softmax stably.

Write the function below (replace the `raise NotImplementedError`).  Check with:

    dltutor exercises check 06
"""


def softmax_ce_grad(z, t):
    """∂E/∂z for the mean softmax cross-entropy of a batch: (softmax(z) − t) / n."""
    # --- write your code here ---
    raise NotImplementedError
