"""Layers: Dense, the activation layers, Dropout and Flatten.

Every layer follows engine/layer.py: `forward(x, training)` computes the
output and caches only what `backward` needs; `backward(delta)` receives
∂E/∂(output), stores the parameter gradients in `self.grads` and returns
∂E/∂(input).

THE WEIGHT CONVENTION (the lessons' u = W x + b):
    W has shape (out, in): row i holds the weights *into* neuron i.
    One example as a column vector:   u = W x + b
    A batch as rows X of shape (n, in):   U = X Wᵀ + b   (shape (n, out))
    Backward with δ = ∂E/∂U (n, out):
        ∂E/∂W = δᵀ X    (out, in)     ∂E/∂b = Σ_rows δ    ∂E/∂X = δ W
"""
from __future__ import annotations

import numpy as np

from engine import activations as act
from engine.layer import Layer


def as_rng(rng) -> np.random.Generator:
    """A seeded generator from an int seed (or None), or the generator itself."""
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(rng)


INITS = ("he", "xavier")


class Dense(Layer):
    """A fully connected layer: u = W x + b.

    init="he"      W ~ N(0, 2/in)                    (for ReLU-like activations)
    init="xavier"  W ~ U(−a, a), a = √(6/(in + out))  (for sigmoid / tanh)
    b starts at 0.  Pass `W=` and `b=` to start from given numbers instead.
    `frozen` names parameters the optimizers must leave alone (e.g. {"b"}).
    """

    name = "dense"

    def __init__(self, n_in: int, n_out: int, init: str = "he", rng=0,
                 W=None, b=None, frozen=()) -> None:
        super().__init__()
        if init not in INITS:
            raise ValueError(f"unknown initialisation {init!r}; choose one of {', '.join(INITS)}")
        if int(n_in) < 1 or int(n_out) < 1:
            raise ValueError(f"a Dense layer needs at least one input and one output, got {n_in} -> {n_out}")
        self.n_in, self.n_out, self.init = int(n_in), int(n_out), init
        gen = as_rng(rng)
        if W is None:
            if init == "he":
                W = gen.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
            else:
                a = np.sqrt(6.0 / (n_in + n_out))
                W = gen.uniform(-a, a, size=(n_out, n_in))
        W = np.array(W, dtype=float)
        b = np.zeros(n_out) if b is None else np.array(b, dtype=float).reshape(-1)
        if W.shape != (self.n_out, self.n_in):
            raise ValueError(f"W must have shape (out, in) = {(self.n_out, self.n_in)}, got {W.shape}")
        if b.shape != (self.n_out,):
            raise ValueError(f"b must have shape ({self.n_out},), got {b.shape}")
        self.params = {"W": W, "b": b}
        self.grads = {"W": np.zeros_like(W), "b": np.zeros_like(b)}
        self.frozen = set(frozen)
        self.x = None

    def forward(self, x, training=False):
        self.x = x                                    # backward needs the input
        return x @ self.params["W"].T + self.params["b"]

    def backward(self, delta):
        self.grads["W"] = delta.T @ self.x            # ∂E/∂W = δᵀ X
        self.grads["b"] = delta.sum(axis=0)           # ∂E/∂b = Σ δ
        return delta @ self.params["W"]               # ∂E/∂X = δ W

    def __repr__(self):
        return f"Dense({self.n_in} -> {self.n_out}, {self.param_count()} parameters)"


class Activation(Layer):
    """a = f(u) element by element; backward: ∂E/∂u = ∂E/∂a ⊙ f'(u)."""

    name = "activation"
    symbol = "f"

    def f(self, z):
        raise NotImplementedError

    def f_prime(self, z):
        raise NotImplementedError

    def forward(self, x, training=False):
        self.z = x
        return self.f(x)

    def backward(self, delta):
        return delta * self.f_prime(self.z)

    def __repr__(self):
        return f"{type(self).__name__}()"


class Sigmoid(Activation):
    name, symbol = "sigmoid", r"\sigma"

    def f(self, z):
        return act.sigmoid(z)

    def f_prime(self, z):
        return act.sigmoid_prime(z)

    def forward(self, x, training=False):
        self.a = act.sigmoid(x)                     # σ' = σ(1 − σ) needs only the output
        return self.a

    def backward(self, delta):
        return delta * self.a * (1.0 - self.a)


class Tanh(Activation):
    name, symbol = "tanh", r"\tanh"

    def f(self, z):
        return act.tanh(z)

    def f_prime(self, z):
        return act.tanh_prime(z)

    def forward(self, x, training=False):
        self.a = np.tanh(x)                         # tanh' = 1 − tanh² needs only the output
        return self.a

    def backward(self, delta):
        return delta * (1.0 - self.a * self.a)


class ReLU(Activation):
    name, symbol = "relu", r"\mathrm{ReLU}"

    def f(self, z):
        return act.relu(z)

    def f_prime(self, z):
        return act.relu_prime(z)

    def forward(self, x, training=False):
        self.mask = x > 0                           # ReLU' is 1 where u > 0, else 0
        return np.maximum(x, 0.0)

    def backward(self, delta):
        return delta * self.mask


class LeakyReLU(Activation):
    name, symbol = "leaky_relu", r"\mathrm{LeakyReLU}"

    def __init__(self, alpha: float = 0.01):
        super().__init__()
        self.alpha = float(alpha)

    def f(self, z):
        return act.leaky_relu(z, self.alpha)

    def f_prime(self, z):
        return act.leaky_relu_prime(z, self.alpha)


class ELU(Activation):
    name, symbol = "elu", r"\mathrm{ELU}"

    def __init__(self, alpha: float = 1.0):
        super().__init__()
        self.alpha = float(alpha)

    def f(self, z):
        return act.elu(z, self.alpha)

    def f_prime(self, z):
        return act.elu_prime(z, self.alpha)


class GELU(Activation):
    name, symbol = "gelu", r"\mathrm{GELU}"

    def f(self, z):
        return act.gelu(z)

    def f_prime(self, z):
        return act.gelu_prime(z)


class Softmax(Activation):
    """Softmax over each row.  Backward is the Jacobian-vector product s ⊙ (δ − s·δ).

    For classification prefer a plain Dense output with the fused
    SoftmaxCrossEntropy loss: its gradient is simply ŷ − t.
    """

    name, symbol = "softmax", r"\operatorname{softmax}"

    def f(self, z):
        return act.softmax(z)

    def forward(self, x, training=False):
        self.s = act.softmax(x)
        return self.s

    def backward(self, delta):
        s = self.s
        return s * (delta - np.sum(s * delta, axis=-1, keepdims=True))


ACTIVATION_LAYERS = {cls.name: cls for cls in (Sigmoid, Tanh, ReLU, LeakyReLU, ELU, GELU, Softmax)}


class Dropout(Layer):
    """Inverted dropout: while training, zero each input with probability p and
    scale the survivors by 1/(1 − p), so nothing changes at prediction time.
    Random while training, so gradient checking refuses it then (engine/gradcheck.py)."""

    name = "dropout"

    def __init__(self, p: float = 0.5, rng=0):
        super().__init__()
        if not 0.0 <= p < 1.0:
            raise ValueError(f"dropout probability must be in [0, 1), got {p}")
        self.p = float(p)
        self.rng = as_rng(rng)
        self.mask = None

    @property
    def stochastic(self) -> bool:
        return self.p > 0.0

    def forward(self, x, training=False):
        if not training or self.p == 0.0:
            self.mask = None
            return x
        self.mask = (self.rng.random(x.shape) >= self.p) / (1.0 - self.p)
        return x * self.mask

    def backward(self, delta):
        return delta if self.mask is None else delta * self.mask

    def __repr__(self):
        return f"Dropout(p={self.p})"


class Flatten(Layer):
    """(n, d1, d2, ...) -> (n, d1·d2·...); backward puts the shape back."""

    name = "flatten"

    def forward(self, x, training=False):
        self.shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, delta):
        return delta.reshape(self.shape)

    def __repr__(self):
        return "Flatten()"
