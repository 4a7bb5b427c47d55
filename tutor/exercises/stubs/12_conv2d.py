"""Exercise 12 · A valid convolution with stride — lesson [[convolution]]

As in deep-learning libraries the kernel slides WITHOUT being flipped:

    y[i, j] = Σ_c Σ_u Σ_v w[c, u, v] · x[c, i·S + u, j·S + v] + b

x: (C, H, W) — C channels of an H × W image;  w: (C, K, K) — one K × K slice per
channel;  b: a number;  S: the stride.  No padding ("valid"), so the output has

    ⌊(H − K)/S⌋ + 1 rows   and   ⌊(W − K)/S⌋ + 1 columns.

The lesson's example (one channel, S = 1):
x = [[3,3,2,1,0], [0,0,1,3,1], [3,1,2,2,3], [2,0,0,2,2], [2,0,0,0,1]] and
w = [[0,1,2], [2,2,0], [0,1,2]] give y = [[12,12,17], [10,17,19], [9,6,14]].

Write the function below (replace the `raise NotImplementedError`).  Check with:

    dltutor exercises check 12
"""


def conv2d(x, w, b=0.0, stride=1):
    """The valid convolution of x (C, H, W) with w (C, K, K): (H_out, W_out)."""
    # --- write your code here ---
    raise NotImplementedError
