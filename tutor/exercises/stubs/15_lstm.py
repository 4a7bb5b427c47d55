"""Exercise 15 · One LSTM step — lesson [[lstm]]

Every gate reads the previous state and the new input side by side, [h_{t−1}, x_t]
(h first), through its own weights W (hidden, hidden + in) and bias b (hidden,):

    f_t = σ(W_f [h_{t−1}, x_t] + b_f)          forget gate
    i_t = σ(W_i [h_{t−1}, x_t] + b_i)          input gate
    C̃_t = tanh(W_C [h_{t−1}, x_t] + b_C)       candidate
    C_t = f_t ⊙ C_{t−1} + i_t ⊙ C̃_t           cell state
    o_t = σ(W_o [h_{t−1}, x_t] + b_o)          output gate
    h_t = o_t ⊙ tanh(C_t)

(⊙ multiplies entry by entry.)  The lesson's example: one unit, h_{t−1} = 0.5,
C_{t−1} = 0.8, x_t = 1, W_f = (0.4, 0.6), b_f = 1, W_i = (0.3, 0.5),
W_C = (0.2, 0.7), W_o = (0.1, 0.4), the other biases 0: f_t = 0.8581 and C_t = 1.1228.

Return (h_t, C_t).  Write the function below (replace the `raise NotImplementedError`).
Check with:

    dltutor exercises check 15
"""


def lstm_step(x_t, h_prev, c_prev, W_f, b_f, W_i, b_i, W_C, b_C, W_o, b_o):
    """One step of the LSTM: (h_t, C_t)."""
    # --- write your code here ---
    raise NotImplementedError
