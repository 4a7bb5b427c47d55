"""Exercise 10 · Momentum and Adam updates — lesson [[optimizers]]

θ are the parameters, g = ∂E/∂θ their gradient (NumPy arrays of one shape).

Momentum (the lesson's convention):

    v ← γ v + η g,        θ ← θ − v

Adam, at step t = 1, 2, 3, … (everything element by element):

    m ← β₁ m + (1 − β₁) g,         v ← β₂ v + (1 − β₂) g²
    m̂ = m / (1 − β₁ᵗ),             v̂ = v / (1 − β₂ᵗ)
    θ ← θ − η m̂ / (√v̂ + ε)

The lesson's example: θ = 1, g = 2, m = v = 0, t = 1, η = 0.1 gives θ = 0.9.

Return NEW arrays (do not change the ones given):
momentum_step -> (theta_new, v_new); adam_step -> (theta_new, m_new, v_new).

Write the two functions below (replace each `raise NotImplementedError`).  Check with:

    dltutor exercises check 10
"""


def momentum_step(theta, g, v, lr=0.01, gamma=0.9):
    """One Momentum update: (theta_new, v_new)."""
    # --- write your code here ---
    raise NotImplementedError


def adam_step(theta, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam update at step t (counting from 1): (theta_new, m_new, v_new)."""
    # --- write your code here ---
    raise NotImplementedError
