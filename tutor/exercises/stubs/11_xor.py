"""Exercise 11 · A training loop that learns XOR — lesson [[practice]]

XOR is not linearly separable: a hidden layer is needed.  The network, for a
batch X of shape (n, 2) and targets t of shape (n, 1):

    u1 = X W1ᵀ + b1,   h = tanh(u1)          W1: (hidden, 2), b1: (hidden,)
    z  = h W2ᵀ + b2,   y = σ(z)              W2: (1, hidden), b2: (1,)
    E  = −1/n Σ [t ln y + (1 − t) ln(1 − y)]     (binary cross-entropy, mean over the rows)

With the sigmoid and this loss together, ∂E/∂z = (y − t) / n (as softmax with
cross-entropy in lesson [[loss-functions]]).  From there it is exercise 07's backward, twice,
with tanh' = 1 − h² in between.

1. gradients(X, t, W1, b1, W2, b2) -> (E, dW1, db1, dW2, db2)
2. train_xor(seed) -> (W1, b1, W2, b2, losses): start from the weights below,
   repeat "gradients, then W ← W − lr · dW for all four" for `epochs` epochs,
   and keep E of every epoch in the list `losses`.  The trained network must
   answer (0,0) → below 0.5, (0,1) and (1,0) → above 0.5, (1,1) → below 0.5.

Write the two marked parts below.  Check with:

    dltutor exercises check 11
"""
import numpy as np

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
T = np.array([[0.0], [1.0], [1.0], [0.0]])


def gradients(X, t, W1, b1, W2, b2):
    """(E, dW1, db1, dW2, db2) for the network above."""
    # --- write your code here ---
    raise NotImplementedError


def train_xor(seed=0, hidden=4, epochs=2000, lr=0.5):
    """Train on XOR from seeded random weights; return (W1, b1, W2, b2, losses)."""
    rng = np.random.default_rng(seed)
    W1, b1 = rng.normal(0, 1, (hidden, 2)), np.zeros(hidden)
    W2, b2 = rng.normal(0, 1, (1, hidden)), np.zeros(1)
    losses = []
    # --- write your code here: the training loop ---
    raise NotImplementedError
    return W1, b1, W2, b2, losses
