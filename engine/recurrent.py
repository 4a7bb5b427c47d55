"""Recurrent layers: Elman RNN, LSTM (standard / peephole / coupled), GRU.

Shapes (the choice this engine makes)
    input   x  (n, T, features)   a batch of n sequences of T steps
            or (T, features)      one sequence; the output then has no batch axis
    output  h  (n, T, hidden)     the hidden state at every step
                                  (the RNN's optional output layer gives (n, T, outputs))
The initial states h_0 (and C_0) are zeros unless given to forward().

Weights follow the lessons.  For a column vector x_t, W_xh x_t is (hidden,);
with a batch of rows the code computes x_t @ W_xh.T.  The gated cells act on
the concatenation [h_{t-1}, x_t] (length hidden + features), so each gate has
one matrix of shape (hidden, hidden + features) and one bias (hidden,).

backward(delta) is backpropagation through time (BPTT): delta holds
∂E/∂(output) at every step — ∂E/∂h_t, or ∂E/∂y_t with an output layer —
(zeros where the loss does not look); it walks from t = T back to t = 1,
fills self.grads for every parameter, returns ∂E/∂x and keeps ∂E/∂h_t for
every t in self.dh (used by gradient_through_time).  Inside, da_<gate> is
∂E/∂(the gate's pre-activation), the δ of that gate.
"""
from __future__ import annotations

import numpy as np

from engine.activations import sigmoid
from engine.layer import Layer

LSTM_VARIANTS = ("standard", "peephole", "coupled")


class _Recurrent(Layer):
    """What every recurrent layer shares: shapes, seeded weights, the batch axis."""

    def __init__(self, input_size: int, hidden_size: int, seed: int | None) -> None:
        super().__init__()
        if input_size < 1 or hidden_size < 1:
            raise ValueError(f"input and hidden sizes must be >= 1, got {input_size}, {hidden_size}")
        self.input_size, self.hidden_size = int(input_size), int(hidden_size)
        self.rng = np.random.default_rng(seed)
        self.dh: np.ndarray | None = None

    def _weight(self, rows: int, cols: int) -> np.ndarray:
        # Xavier-style scale keeps tanh/sigmoid inputs in their useful range
        return self.rng.normal(0.0, 1.0 / np.sqrt(cols), size=(rows, cols))

    def _zero_grads(self) -> None:
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def _as_batch(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        self._single = x.ndim == 2
        if self._single:
            x = x[None]
        if x.ndim != 3 or x.shape[2] != self.input_size:
            raise ValueError(f"{type(self).__name__} expects input of shape (n, T, {self.input_size}) "
                             f"or (T, {self.input_size}), got {np.shape(x)}")
        return x

    def _state(self, s: np.ndarray | None, n: int) -> np.ndarray:
        if s is None:
            return np.zeros((n, self.hidden_size))
        s = np.asarray(s, dtype=float).reshape(-1, self.hidden_size)
        return np.broadcast_to(s, (n, self.hidden_size)).copy()

    def _unbatch(self, y: np.ndarray) -> np.ndarray:
        return y[0] if self._single else y

    def _delta_batch(self, delta: np.ndarray) -> np.ndarray:
        """backward's delta with the batch axis, its shape checked."""
        if getattr(self, "_cache", None) is None:
            raise RuntimeError("call forward before backward")
        d = np.asarray(delta, dtype=float)
        d = d[None] if self._single else d
        x = self._cache[0]
        width = getattr(self, "output_size", None) or self.hidden_size
        if d.shape != (*x.shape[:2], width):
            expected = (*x.shape[:2], width)[1:] if self._single else (*x.shape[:2], width)
            raise ValueError(f"{type(self).__name__}.backward expects a gradient of shape {expected}, "
                             f"got {np.shape(delta)}")
        return d


class RNN(_Recurrent):
    """Elman RNN: h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h).

    With output_size given, an output layer y_t = W_hy h_t + b_y is added and
    forward returns y (n, T, output_size) instead of h.
    """

    name = "rnn"

    def __init__(self, input_size: int, hidden_size: int, output_size: int | None = None,
                 seed: int | None = 0) -> None:
        super().__init__(input_size, hidden_size, seed)
        h, x = self.hidden_size, self.input_size
        self.params["W_xh"] = self._weight(h, x)
        self.params["W_hh"] = self._weight(h, h)
        self.params["b_h"] = np.zeros(h)
        self.output_size = output_size
        if output_size is not None:
            self.params["W_hy"] = self._weight(int(output_size), h)
            self.params["b_y"] = np.zeros(int(output_size))
        self._zero_grads()

    def forward(self, x, training=False, h0=None):
        x = self._as_batch(x)
        n, T, _ = x.shape
        p = self.params
        hs = np.zeros((n, T + 1, self.hidden_size))
        hs[:, 0] = self._state(h0, n)
        for t in range(T):
            hs[:, t + 1] = np.tanh(x[:, t] @ p["W_xh"].T + hs[:, t] @ p["W_hh"].T + p["b_h"])
        self._cache = (x, hs)
        self.h = hs[:, 1:]
        out = self.h @ p["W_hy"].T + p["b_y"] if self.output_size is not None else self.h
        return self._unbatch(out)

    def backward(self, delta):
        d_out = self._delta_batch(delta)
        x, hs = self._cache
        n, T, _ = x.shape
        p = self.params
        self._zero_grads()
        if self.output_size is not None:
            self.grads["W_hy"] = np.einsum("nto,nth->oh", d_out, hs[:, 1:])
            self.grads["b_y"] = d_out.sum(axis=(0, 1))
            d_out = d_out @ p["W_hy"]                 # now ∂E/∂h_t from the output layer
        dx = np.zeros_like(x)
        self.dh = np.zeros((n, T, self.hidden_size))
        dh_next = np.zeros((n, self.hidden_size))      # what h_{t+1} sends back to h_t
        for t in reversed(range(T)):
            dh = d_out[:, t] + dh_next
            self.dh[:, t] = dh
            da = dh * (1.0 - hs[:, t + 1] ** 2)       # through tanh: δ of the pre-activation
            self.grads["W_xh"] += da.T @ x[:, t]
            self.grads["W_hh"] += da.T @ hs[:, t]
            self.grads["b_h"] += da.sum(axis=0)
            dx[:, t] = da @ p["W_xh"]
            dh_next = da @ p["W_hh"]
        self.dh0 = dh_next
        return self._unbatch(dx)


class LSTM(_Recurrent):
    """Long short-term memory, with [h_{t-1}, x_t] written hx_t:

        f_t  = sigma(W_f hx_t + b_f)                 forget gate
        i_t  = sigma(W_i hx_t + b_i)                 input gate
        C~_t = tanh(W_C hx_t + b_C)                  candidate cell state
        C_t  = f_t * C_{t-1} + i_t * C~_t            cell state
        o_t  = sigma(W_o hx_t + b_o)                 output gate
        h_t  = o_t * tanh(C_t)

    variant="peephole": the gates also look at the cell state through a
        diagonal weight (one number per unit): f_t and i_t add p_f * C_{t-1},
        p_i * C_{t-1}; o_t adds p_o * C_t (Gers & Schmidhuber, 2000).
    variant="coupled": there is no input gate; i_t = 1 - f_t, so the cell
        forgets exactly as much as it writes.
    The forget bias starts at 1 so an untrained cell remembers by default.
    """

    name = "lstm"

    def __init__(self, input_size: int, hidden_size: int, variant: str = "standard",
                 seed: int | None = 0) -> None:
        super().__init__(input_size, hidden_size, seed)
        if variant not in LSTM_VARIANTS:
            raise ValueError(f"LSTM variant must be one of {LSTM_VARIANTS}, got {variant!r}")
        self.variant = variant
        h, cols = self.hidden_size, self.hidden_size + self.input_size
        self.gates = ("f", "C", "o") if variant == "coupled" else ("f", "i", "C", "o")
        for gate in self.gates:
            self.params[f"W_{gate}"] = self._weight(h, cols)
            self.params[f"b_{gate}"] = np.ones(h) if gate == "f" else np.zeros(h)
        if variant == "peephole":
            for gate in ("f", "i", "o"):
                self.params[f"p_{gate}"] = 0.1 * self.rng.normal(size=h)
        self._zero_grads()

    def _pre(self, gate: str, hx: np.ndarray) -> np.ndarray:
        return hx @ self.params[f"W_{gate}"].T + self.params[f"b_{gate}"]

    def forward(self, x, training=False, h0=None, c0=None):
        x = self._as_batch(x)
        n, T, _ = x.shape
        H, peep = self.hidden_size, self.variant == "peephole"
        p = self.params
        hs, cs = np.zeros((n, T + 1, H)), np.zeros((n, T + 1, H))
        hs[:, 0], cs[:, 0] = self._state(h0, n), self._state(c0, n)
        steps = []
        for t in range(T):
            c_prev = cs[:, t]
            hx = np.concatenate([hs[:, t], x[:, t]], axis=1)
            f = sigmoid(self._pre("f", hx) + (p["p_f"] * c_prev if peep else 0.0))
            if self.variant == "coupled":
                i = 1.0 - f
            else:
                i = sigmoid(self._pre("i", hx) + (p["p_i"] * c_prev if peep else 0.0))
            g = np.tanh(self._pre("C", hx))
            c = f * c_prev + i * g
            o = sigmoid(self._pre("o", hx) + (p["p_o"] * c if peep else 0.0))
            tc = np.tanh(c)
            hs[:, t + 1], cs[:, t + 1] = o * tc, c
            steps.append((hx, f, i, g, o, tc))
        self._cache = (x, hs, cs, steps)
        self.h, self.c = hs[:, 1:], cs[:, 1:]
        return self._unbatch(self.h)

    def backward(self, delta):
        d_out = self._delta_batch(delta)
        x, hs, cs, steps = self._cache
        n, T, _ = x.shape
        H, peep, p = self.hidden_size, self.variant == "peephole", self.params
        self._zero_grads()
        dx = np.zeros_like(x)
        self.dh = np.zeros((n, T, H))
        dh_next, dc_next = np.zeros((n, H)), np.zeros((n, H))
        for t in reversed(range(T)):
            hx, f, i, g, o, tc = steps[t]
            c_prev, c = cs[:, t], cs[:, t + 1]
            dh = d_out[:, t] + dh_next
            self.dh[:, t] = dh
            da_o = dh * tc * o * (1.0 - o)                    # h = o * tanh(C)
            dc = dc_next + dh * o * (1.0 - tc ** 2)
            if peep:
                dc += da_o * p["p_o"]                          # o_t looked at C_t
            da = {"o": da_o, "C": dc * i * (1.0 - g ** 2)}
            if self.variant == "coupled":
                da["f"] = dc * (c_prev - g) * f * (1.0 - f)    # C = f C_prev + (1 - f) C~
            else:
                da["f"] = dc * c_prev * f * (1.0 - f)
                da["i"] = dc * g * i * (1.0 - i)
            dc_prev = dc * f
            if peep:
                dc_prev += da["f"] * p["p_f"] + da["i"] * p["p_i"]
                self.grads["p_f"] += (da["f"] * c_prev).sum(axis=0)
                self.grads["p_i"] += (da["i"] * c_prev).sum(axis=0)
                self.grads["p_o"] += (da["o"] * c).sum(axis=0)
            dhx = np.zeros_like(hx)
            for gate in self.gates:
                self.grads[f"W_{gate}"] += da[gate].T @ hx
                self.grads[f"b_{gate}"] += da[gate].sum(axis=0)
                dhx += da[gate] @ p[f"W_{gate}"]
            dh_next, dc_next = dhx[:, :H], dc_prev
            dx[:, t] = dhx[:, H:]
        self.dh0, self.dc0 = dh_next, dc_next
        return self._unbatch(dx)


class GRU(_Recurrent):
    """Gated recurrent unit, with [h_{t-1}, x_t] written hx_t:

        z_t  = sigma(W_z hx_t + b_z)                 update gate
        r_t  = sigma(W_r hx_t + b_r)                 reset gate
        h~_t = tanh(W_h [r_t * h_{t-1}, x_t] + b_h)  candidate state
        h_t  = (1 - z_t) * h_{t-1} + z_t * h~_t

    This is Cho et al.'s GRU (2014, arXiv:1406.1078v3): the reset gate acts
    on h_{t-1} BEFORE the matrix product.  PyTorch's nn.GRU and cuDNN apply it
    AFTER the product, to the product (plus its own bias):
        PyTorch  n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))
                 h_t = (1 - z_t) * n_t + z_t * h_{t-1}
    (Keras calls the two forms reset_after=False and reset_after=True; ONNX
    linear_before_reset=0 and 1.)  They are different networks: the same
    weights give the same outputs only where r_t = 1.

    Mapping to PyTorch, splitting each W_g (hidden, hidden + features) into
    its h-columns W_g^h (the first `hidden`) and its x-columns W_g^x:
        reset   W_ir = W_r^x    W_hr = W_r^h    b_ir = b_r    b_hr = 0
        update  W_iz = -W_z^x   W_hz = -W_z^h   b_iz = -b_z   b_hz = 0
        new     W_in = W_h^x    W_hn = W_h^h    b_in = b_h    b_hn = 0
    The update signs flip because PyTorch's z_t multiplies h_{t-1} (as in
    Cho et al.) while here z_t multiplies the candidate (as in Chung et al.,
    2014): their z_t is 1 - z_t here, and 1 - sigma(a) = sigma(-a).  PyTorch
    stacks the gates as weight_ih = [W_ir; W_iz; W_in], weight_hh = [W_hr;
    W_hz; W_hn].  With r_t = 1 the two forms then agree exactly (tested).
    """

    name = "gru"

    def __init__(self, input_size: int, hidden_size: int, seed: int | None = 0) -> None:
        super().__init__(input_size, hidden_size, seed)
        h, cols = self.hidden_size, self.hidden_size + self.input_size
        for gate in ("z", "r", "h"):
            self.params[f"W_{gate}"] = self._weight(h, cols)
            self.params[f"b_{gate}"] = np.zeros(h)
        self._zero_grads()

    def forward(self, x, training=False, h0=None):
        x = self._as_batch(x)
        n, T, _ = x.shape
        p = self.params
        hs = np.zeros((n, T + 1, self.hidden_size))
        hs[:, 0] = self._state(h0, n)
        steps = []
        for t in range(T):
            h_prev = hs[:, t]
            hx = np.concatenate([h_prev, x[:, t]], axis=1)
            z = sigmoid(hx @ p["W_z"].T + p["b_z"])
            r = sigmoid(hx @ p["W_r"].T + p["b_r"])
            rhx = np.concatenate([r * h_prev, x[:, t]], axis=1)
            h_cand = np.tanh(rhx @ p["W_h"].T + p["b_h"])
            hs[:, t + 1] = (1.0 - z) * h_prev + z * h_cand
            steps.append((hx, rhx, z, r, h_cand))
        self._cache = (x, hs, steps)
        self.h = hs[:, 1:]
        return self._unbatch(self.h)

    def backward(self, delta):
        d_out = self._delta_batch(delta)
        x, hs, steps = self._cache
        n, T, _ = x.shape
        H, p = self.hidden_size, self.params
        self._zero_grads()
        dx = np.zeros_like(x)
        self.dh = np.zeros((n, T, H))
        dh_next = np.zeros((n, H))
        for t in reversed(range(T)):
            hx, rhx, z, r, h_cand = steps[t]
            h_prev = hs[:, t]
            dh = d_out[:, t] + dh_next
            self.dh[:, t] = dh
            dh_prev = dh * (1.0 - z)                          # the direct path
            da_h = dh * z * (1.0 - h_cand ** 2)
            da_z = dh * (h_cand - h_prev) * z * (1.0 - z)
            drhx = da_h @ p["W_h"]
            da_r = drhx[:, :H] * h_prev * r * (1.0 - r)
            dh_prev += drhx[:, :H] * r                        # through r_t * h_{t-1}
            dhx = da_z @ p["W_z"] + da_r @ p["W_r"]
            dh_prev += dhx[:, :H]
            dx[:, t] = dhx[:, H:] + drhx[:, H:]
            for gate, da, inp in (("z", da_z, hx), ("r", da_r, hx), ("h", da_h, rhx)):
                self.grads[f"W_{gate}"] += da.T @ inp
                self.grads[f"b_{gate}"] += da.sum(axis=0)
            dh_next = dh_prev
        self.dh0 = dh_next
        return self._unbatch(dx)


def gradient_through_time(layer: _Recurrent, x: np.ndarray, h0=None) -> np.ndarray:
    """|dh_T/dh_t| for t = 1..T: how much the last state still feels each earlier state.

    For one sequence x (T, features).  Returns T numbers: the Frobenius norm of
    the Jacobian dh_T/dh_t (a hidden x hidden matrix), found by backpropagating
    each unit of h_T alone through time.  The last entry (t = T) is |I| = sqrt(hidden).
    For an LSTM it is the partial derivative along the h path with C_t held
    fixed (what BPTT carries back into h_t); the cell state has its own path.
    For a layer with an output layer the Jacobian is still taken on the hidden state.
    """
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"gradient_through_time expects one sequence of shape (T, features), got {x.shape}")
    out_size = getattr(layer, "output_size", None)
    if out_size is not None:
        # backpropagate on h directly: hide the output layer for this measurement
        layer.output_size = None
    try:
        kwargs = {} if h0 is None else {"h0": h0}
        layer.forward(x, **kwargs)
        T, H = x.shape[0], layer.hidden_size
        jac = np.zeros((T, H, H))                  # jac[t, k, :] = d h_T[k] / d h_t
        saved = {k: v.copy() for k, v in layer.grads.items()}
        for k in range(H):
            seed = np.zeros((T, H))
            seed[T - 1, k] = 1.0
            layer.backward(seed)
            jac[:, k, :] = layer.dh[0]
        layer.grads = saved
    finally:
        layer.output_size = out_size
    return np.linalg.norm(jac, axis=(1, 2))


def param_count_formula(kind: str, input_size: int, hidden_size: int, variant: str = "standard") -> int:
    """The textbook count, for lessons and quizzes: gates * (h (h + x) + h), peephole + 3h.

    It agrees with layer.param_count() for the layers above (tested).
    """
    x, h = int(input_size), int(hidden_size)
    one_gate = h * (h + x) + h
    if kind == "rnn":
        return one_gate
    if kind == "gru":
        return 3 * one_gate
    if kind == "lstm":
        if variant == "coupled":
            return 3 * one_gate
        return 4 * one_gate + (3 * h if variant == "peephole" else 0)
    raise ValueError(f"kind must be 'rnn', 'lstm' or 'gru', got {kind!r}")
