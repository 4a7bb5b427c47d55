"""Exercise 08 · The 2-2-2 backpropagation example — lesson [[backpropagation]]

One training step of a network with a sigmoid hidden layer and a sigmoid output
layer, on ONE example x with targets t (both 1-D arrays):

    net_h = W1 x + b1,     out_h = σ(net_h)               (W1: hidden × in)
    net_o = W2 out_h + b2,  out_o = σ(net_o)              (W2: out × hidden)
    E = ½ Σ (t − out_o)²

Backward, as in the lesson (δ = ∂E/∂net):

    δ_o = (out_o − t) · out_o (1 − out_o)        ∂E/∂W2 = δ_o out_hᵀ
    δ_h = (W2ᵀ δ_o) · out_h (1 − out_h)          ∂E/∂W1 = δ_h xᵀ

then W ← W − lr · ∂E/∂W for both layers.  As in the lesson the biases stay fixed.
Return (E, W1_new, W2_new): E before the update, and the two new weight matrices.

The lesson's numbers: x = (0.05, 0.10), t = (0.01, 0.99), W1 = [[0.15, 0.20], [0.25, 0.30]],
b1 = (0.35, 0.35), W2 = [[0.40, 0.45], [0.50, 0.55]], b2 = (0.60, 0.60), lr = 0.5 give
E = 0.298371109, w5 = W2_new[0, 0] = 0.35891648 and w1 = W1_new[0, 0] = 0.149780716.

Write the function below (replace the `raise NotImplementedError`).  Check with:

    dltutor exercises check 08
"""


def train_step(x, t, W1, b1, W2, b2, lr):
    """(E, W1_new, W2_new) after one step of gradient descent on one example."""
    # --- write your code here ---
    raise NotImplementedError
