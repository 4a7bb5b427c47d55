"""Exercise 13 · Max pooling: forward and backward — lesson [[pooling-and-cnn]]

Each channel of x (C, H, W) is cut into windows of size × size that do not
overlap (the stride is the size); rows and columns left over at the edge are
dropped.  The output keeps the largest value of each window:

    y[c, i, j] = max of x[c, i·s : (i+1)·s, j·s : (j+1)·s]      y: (C, ⌊H/s⌋, ⌊W/s⌋)

Backward: only the maximum changed the output, so

    ∂y/∂x_k = 1 if x_k is the maximum of its window, else 0

and dx (shape of x) holds delta[c, i, j] at the position of each window's
maximum and 0 everywhere else.

The lesson's 4×4 example [[1,3,2,1], [4,6,5,0], [3,1,1,2], [0,2,7,4]] pools to
[[6,5], [3,7]].

Write the two functions below (replace each `raise NotImplementedError`).  Check with:

    dltutor exercises check 13
"""


def maxpool_forward(x, size=2):
    """Max of each size × size window of each channel: (C, H // size, W // size)."""
    # --- write your code here ---
    raise NotImplementedError


def maxpool_backward(delta, x, size=2):
    """dx (shape of x) from delta = ∂E/∂y of shape (C, H // size, W // size)."""
    # --- write your code here ---
    raise NotImplementedError
