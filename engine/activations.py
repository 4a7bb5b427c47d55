"""Activation functions: the value f(z) and the derivative f'(z).

Every function works element by element on any NumPy array (softmax works
along the last axis) and is safe for any float input: no overflow, underflow
or invalid-value warnings, even for |z| = 1e4.  The trick is always the same:
never hand `exp` an argument so large that the result overflows, or so
negative that it underflows.  Where that clipping changes a result, the
change is far below what a float64 can show next to 1 (e.g. sigmoid(-400) is
reported as about 5e-131 instead of 2e-174: both are "zero" to the network).

Conventions
    relu'(0) = 0, leaky_relu'(0) = alpha, elu'(0) = 1 (the one-sided choice
    most libraries make; at exactly 0 the derivative does not exist).
    GELU uses the tanh approximation (Hendrycks & Gimpel):
        gelu(z) = z/2 * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3)))
    so that value and derivative agree exactly.
"""
from __future__ import annotations

import numpy as np

# exp(±300) is about 1e±130: far from overflow (1e308) and from underflow
# (1e-308), even after squaring.
EXP_LIMIT = 300.0


def _exp(z: np.ndarray) -> np.ndarray:
    """exp(z) with the argument clipped to ±EXP_LIMIT (never over/underflows)."""
    return np.exp(np.clip(z, -EXP_LIMIT, EXP_LIMIT))


def _f(z) -> np.ndarray:
    return np.asarray(z, dtype=float)


def _flush(z: np.ndarray) -> np.ndarray:
    """Numbers below 1e-150 in size become 0 before they are squared or cubed
    (their square would underflow; next to 1 they are invisible anyway)."""
    return np.where(np.abs(z) < 1e-150, 0.0, z)


# --- sigmoid -------------------------------------------------------------
def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), computed from e^(−|z|) so exp never overflows."""
    z = _f(z)
    e = _exp(-np.abs(z))                     # in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """σ'(z) = σ(z)(1 − σ(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


# --- tanh ----------------------------------------------------------------
def tanh(z):
    """tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)); NumPy's tanh is already stable."""
    return np.tanh(_f(z))


def tanh_prime(z):
    """tanh'(z) = 1 − tanh(z)²."""
    t = _flush(np.tanh(_f(z)))
    return 1.0 - t * t


# --- ReLU and Leaky ReLU -------------------------------------------------
def relu(z):
    """ReLU(z) = max(0, z)."""
    return np.maximum(_f(z), 0.0)


def relu_prime(z):
    """ReLU'(z) = 1 if z > 0 else 0."""
    return (_f(z) > 0).astype(float)


def leaky_relu(z, alpha: float = 0.01):
    """LeakyReLU(z) = z if z > 0 else αz."""
    z = _f(z)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha: float = 0.01):
    """LeakyReLU'(z) = 1 if z > 0 else α."""
    return np.where(_f(z) > 0, 1.0, alpha)


# --- ELU -----------------------------------------------------------------
def elu(z, alpha: float = 1.0):
    """ELU(z) = z if z > 0 else α(e^z − 1)."""
    z = _f(z)
    # expm1 is accurate near 0; below -50 the result is -α to float precision.
    neg = alpha * np.expm1(np.clip(z, -50.0, 0.0))
    return np.where(z > 0, z, neg)


def elu_prime(z, alpha: float = 1.0):
    """ELU'(z) = 1 if z > 0 else αe^z  (= ELU(z) + α)."""
    z = _f(z)
    return np.where(z > 0, 1.0, alpha * _exp(np.minimum(z, 0.0)))


# --- GELU (tanh approximation) -------------------------------------------
_C = float(np.sqrt(2.0 / np.pi))
_K = 0.044715


def _gelu_tanh(z):
    # beyond |z| = 50 the tanh is exactly ±1 in float64, so clip before cubing
    zc = _flush(np.clip(z, -50.0, 50.0))
    return zc, np.tanh(_C * (zc + _K * zc ** 3))


def gelu(z):
    """GELU(z) ≈ z/2 · (1 + tanh(√(2/π)(z + 0.044715 z³)))."""
    z = _f(z)
    _, t = _gelu_tanh(z)
    return 0.5 * z * (1.0 + t)


def gelu_prime(z):
    """d/dz of the tanh-GELU: ½(1 + t) + ½ z (1 − t²) √(2/π)(1 + 3·0.044715 z²)."""
    z = _f(z)
    zc, t = _gelu_tanh(z)
    return 0.5 * (1.0 + t) + 0.5 * zc * (1.0 - t * t) * _C * (1.0 + 3.0 * _K * zc * zc)


# --- softmax -------------------------------------------------------------
def softmax(z, axis: int = -1):
    """softmax(z)_i = e^(z_i) / Σ_j e^(z_j), along `axis` (rows of a batch).

    Subtracting max(z) first changes nothing mathematically (the factor
    e^(−max) cancels) but keeps every exponent ≤ 0, so nothing overflows.
    """
    z = _f(z)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(np.maximum(shifted, -EXP_LIMIT))
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_jacobian(z):
    """J[i, j] = ∂s_i/∂z_j = s_i(δ_ij − s_j) = diag(s) − s sᵀ.

    z of shape (k,) gives (k, k); a batch (n, k) gives (n, k, k).
    """
    s = softmax(z)
    eye = np.eye(s.shape[-1])
    return s[..., :, None] * eye - s[..., :, None] * s[..., None, :]


def softmax_jvp(z, v):
    """J v without building J: (diag(s) − s sᵀ) v = s ⊙ (v − s·v).

    J is symmetric, so this is also Jᵀ v — the backward pass of softmax.
    Works row by row for a batch.
    """
    s = softmax(z)
    v = _f(v)
    return s * (v - np.sum(s * v, axis=-1, keepdims=True))


# name -> (f, f_prime), for labs and layers that pick an activation by name
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "leaky_relu": (leaky_relu, leaky_relu_prime),
    "elu": (elu, elu_prime),
    "gelu": (gelu, gelu_prime),
}
