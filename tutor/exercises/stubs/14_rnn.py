"""Exercise 14 · An RNN step and backpropagation through time — lesson [[rnn]]

The Elman network, one sequence, one step (vectors as 1-D arrays):

    h_t = tanh(W_xh x_t + W_hh h_{t−1} + b_h)
    W_xh: (hidden, in), W_hh: (hidden, hidden), b_h: (hidden,)

The lesson's one-unit example: W_xh = 0.5, W_hh = 0.8, b_h = 0 and the pulse
x = (1, 0, 0, …) give h₁ = 0.4621, h₂ = 0.3537, h₃ = 0.2757.

Backpropagation through time over a sequence xs (T, in), starting from h_0 = 0,
when the loss L sends ∂L/∂h_t for every step as dh (T, hidden):

    1. run forward, keeping every h_t;
    2. from t = T down to 1: the gradient at h_t is dh[t] plus what h_{t+1} sends back;
       δ_t = (that gradient) · (1 − h_t²)                       (through tanh)
       dW_xh += δ_t x_tᵀ,   dW_hh += δ_t h_{t−1}ᵀ,   db_h += δ_t
       h_{t−1} receives W_hhᵀ δ_t;
    3. the weights are shared by every step, so their gradients add up.

Write the two functions below (replace each `raise NotImplementedError`).  Check with:

    dltutor exercises check 14
"""


def rnn_step(x_t, h_prev, W_xh, W_hh, b_h):
    """h_t = tanh(W_xh x_t + W_hh h_prev + b_h)."""
    # --- write your code here ---
    raise NotImplementedError


def bptt(xs, W_xh, W_hh, b_h, dh):
    """(dW_xh, dW_hh, db_h) for a sequence xs (T, in), h_0 = 0, and dh = ∂L/∂h_t (T, hidden)."""
    # --- write your code here ---
    raise NotImplementedError
