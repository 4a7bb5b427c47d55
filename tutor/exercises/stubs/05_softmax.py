"""Exercise 05 · Stable softmax and cross-entropy — lesson [[loss-functions]]

For one example with scores (logits) z_1 … z_K:

    softmax(z)_k = e^(z_k) / Σ_j e^(z_j)

For a batch, z has shape (n, K): one row per example, and softmax works on each
row.  It must work for any floats, without overflow warnings (a row may hold
1000 or 10⁴): subtracting the row's maximum first changes nothing mathematically.

Cross-entropy of predicted probabilities p and one-hot targets t, both (n, K):

    E = −Σ_k t_k ln p_k        for one example,

and for a batch E is the MEAN over the n rows of that sum (the engine's
convention: E = −1/n Σ_rows Σ_k t_k ln p_k).  Return a number.

Write the two functions below (replace each `raise NotImplementedError`).  Check with:

    dltutor exercises check 05
"""


def softmax(z):
    """softmax of each row of z (n, K) -> (n, K)."""
    # --- write your code here ---
    raise NotImplementedError


def cross_entropy(p, t):
    """−1/n Σ_rows Σ_k t_k ln p_k for p, t of shape (n, K) -> a number."""
    # --- write your code here ---
    raise NotImplementedError
