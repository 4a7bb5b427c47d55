"""Exercise 07 · A Dense layer: forward and backward — lesson [[backpropagation]] (and [[mlp-forward]])

One example as a column vector:   u = W x + b,   W has shape (out, in): row i
holds the weights into neuron i.  A batch as rows x of shape (n, in):

    forward:    u = x Wᵀ + b                           u: (n, out)

Backward receives delta = ∂E/∂u, shape (n, out), one row per example, and
returns the three gradients (lesson [[backpropagation]]: ∂E/∂W = δ xᵀ, ∂E/∂b = δ, ∂E/∂x = Wᵀ δ
for one example; for a batch the rows add up):

    dx = ∂E/∂x     shape (n, in)
    dW = ∂E/∂W     shape (out, in)      (the same shape as W)
    db = ∂E/∂b     shape (out,)         (the same shape as b)

This interface is fixed — forward(x, W, b) and backward(delta, x, W) — so later
exercises and your teacher's own can rely on it.  Write the two functions below
(replace each `raise NotImplementedError`).  Check with:

    dltutor exercises check 07
"""


def forward(x, W, b):
    """u = x Wᵀ + b for x (n, in), W (out, in), b (out,) -> (n, out)."""
    # --- write your code here ---
    raise NotImplementedError


def backward(delta, x, W):
    """(dx, dW, db) from delta = ∂E/∂u (n, out), the layer's input x (n, in) and W (out, in)."""
    # --- write your code here ---
    raise NotImplementedError
