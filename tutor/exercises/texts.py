"""Each exercise's title and hint, in the student's language (tutor/locale/zh/exercises.po)."""
from __future__ import annotations

from tutor.locale import t


def title(name: str) -> str:
    titles = {
        "derivative": t("Numerical derivatives: forward and central differences"),
        "gradient_descent": t("Gradient descent with the halving rule"),
        "least_squares": t("Least squares in closed form"),
        "sigmoid": t("The sigmoid and its derivative, stable for any input"),
        "softmax": t("Stable softmax and cross-entropy"),
        "softmax_ce_grad": t("The gradient of softmax with cross-entropy"),
        "dense": t("A Dense layer: forward and backward"),
        "backprop": t("The 2-2-2 backpropagation example"),
        "autodiff": t("A tiny automatic differentiation: Value"),
        "optimizers": t("Momentum and Adam updates"),
        "xor": t("A training loop that learns XOR"),
        "conv2d": t("A valid convolution with stride"),
        "maxpool": t("Max pooling: forward and backward"),
        "rnn": t("An RNN step and backpropagation through time"),
        "lstm": t("One LSTM step"),
    }
    return titles[name]


def hint(name: str) -> str:
    hints = {
        "derivative": t("Call f twice. Forward: (f(x + h) − f(x)) / h. Central: (f(x + h) − f(x − h)) / (2h) — "
                        "the 2 matters, the two points are 2h apart."),
        "gradient_descent": t("Keep the slope of the previous iteration. In each iteration: slope g = forward "
                              "difference at x; if this is not the first iteration and g times the previous slope "
                              "is negative, halve lr; if |lr·g| < min_step stop before moving; else x = x − lr·g and "
                              "append it. The list starts with x0."),
        "least_squares": t("Compute the means x̄ and ȳ first. w = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², then "
                           "b = ȳ − w·x̄. With NumPy arrays each sum is one np.sum."),
        "sigmoid": t("np.exp(-z) overflows for z = −1000. Use e = np.exp(-np.abs(z)), which is never above 1: "
                     "σ(z) = 1/(1 + e) where z ≥ 0 and e/(1 + e) where z < 0. np.where computes both branches "
                     "for every entry, so give it only these safe ones. Then σ'(z) = σ(z)(1 − σ(z))."),
        "softmax": t("Subtract each row's maximum before exp (z − z.max(axis=-1, keepdims=True)): the result is the "
                     "same and no exponent is positive. Divide by the row's sum (axis=-1, keepdims=True). "
                     "Cross-entropy: −Σ t·ln p over the classes, then the mean over the n rows."),
        "softmax_ce_grad": t("Softmax's Jacobian and the 1/ŷ of the logarithm cancel: the gradient is ŷ − t with "
                             "ŷ = softmax(z), divided by n because E is the mean over the n rows."),
        "dense": t("Forward: x @ W.T + b. Backward: compare the shapes — dW must be (out, in) like W: delta.T @ x. "
                   "db sums delta over the rows (axis 0). dx must be (n, in) like x: delta @ W. Nothing is averaged: "
                   "delta already carries the 1/n of the loss."),
        "backprop": t("Forward: net = W·x + b, out = σ(net), twice. E = ½ Σ (out − t)². Output layer: "
                      "δ₂ = (out₂ − t)·out₂(1 − out₂), ∂E/∂W2 = outer(δ₂, out₁). Hidden layer: δ₁ = (W2ᵀ δ₂)·"
                      "out₁(1 − out₁), ∂E/∂W1 = outer(δ₁, x). Compute both gradients with the old W2, then update "
                      "W ← W − η ∂E/∂W. The biases stay fixed."),
        "autodiff": t("Each operation returns a new Value that remembers its inputs and a function that adds "
                      "(+=) its local derivative × out.grad to each input's grad: for a + b both get 1·out.grad, "
                      "for a·b a gets b.data·out.grad, for tanh the input gets (1 − t²)·out.grad. backward(): sort "
                      "the graph so every node comes after its inputs, set self.grad = 1, and call the nodes' "
                      "functions in reverse order."),
        "optimizers": t("Return new arrays, do not change the ones given. Momentum: v = γ·v + η·g, then θ = θ − v. "
                        "Adam: m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), "
                        "θ = θ − η·m̂/(√v̂ + ε), with ε outside the root."),
        "xor": t("gradients: u1 = X W1ᵀ + b1, h = tanh(u1), z = h W2ᵀ + b2, y = σ(z). With binary cross-entropy "
                 "averaged over the 4 rows, ∂E/∂z = (y − t)/n; then dW2 = dzᵀ h, db2 = Σ dz, dh = dz W2, "
                 "du1 = dh·(1 − h²), dW1 = du1ᵀ X, db1 = Σ du1. train_xor: repeat gradients and "
                 "W ← W − lr·dW for every parameter, and keep E in losses."),
        "conv2d": t("Output size: ⌊(H − K)/S⌋ + 1 rows and ⌊(W − K)/S⌋ + 1 columns. For output (i, j) the window "
                    "starts at row i·S, column j·S: y[i, j] = np.sum(x[:, i·S:i·S+K, j·S:j·S+K] * w) + b. "
                    "Do not flip the kernel."),
        "maxpool": t("Forward: the window of output (c, i, j) is x[c, i·s:(i+1)·s, j·s:(j+1)·s]; keep its max. "
                     "Rows and columns that do not fill a window are dropped. Backward: start from zeros like x and "
                     "put delta[c, i, j] at the position of that window's maximum (np.argmax, np.unravel_index)."),
        "rnn": t("rnn_step: np.tanh(W_xh @ x_t + W_hh @ h_prev + b_h). bptt: run forward from h₀ = 0 keeping every "
                 "h_t. Then go back from t = T: dh = dh[t] + what step t + 1 sent back; δ = dh·(1 − h_t²); add δ x_tᵀ "
                 "to dW_xh, δ h_prevᵀ to dW_hh (h_prev: the state before step t), δ to db_h; send W_hhᵀ δ back "
                 "to the step before."),
        "lstm": t("hx = np.concatenate([h_prev, x_t]) — h first. f, i, o = σ(W hx + b) for their own W and b, "
                  "C̃ = tanh(W_C hx + b_C), C_t = f·C_prev + i·C̃, h_t = o·tanh(C_t). Return (h_t, C_t)."),
    }
    return hints[name]
