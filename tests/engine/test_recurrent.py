"""RNN, LSTM (three variants) and GRU: shapes, parameter counts, BPTT against finite differences."""
import numpy as np
import pytest

from engine.gradcheck import numerical_gradient, relative_error
from engine.recurrent import GRU, LSTM, RNN, gradient_through_time, param_count_formula

EPS = 1e-6   # the finite-difference step the 1e-6 thresholds below were set with


LAYERS = {
    "rnn": lambda: RNN(3, 4, seed=1),
    "rnn-out": lambda: RNN(3, 4, output_size=2, seed=1),
    "lstm": lambda: LSTM(3, 4, seed=1),
    "lstm-peephole": lambda: LSTM(3, 4, variant="peephole", seed=1),
    "lstm-coupled": lambda: LSTM(3, 4, variant="coupled", seed=1),
    "gru": lambda: GRU(3, 4, seed=1),
}


@pytest.mark.parametrize("name", LAYERS)
def test_bptt_against_finite_differences(name):
    rng = np.random.default_rng(0)
    layer = LAYERS[name]()
    for v in layer.params.values():           # non-zero biases so every path is exercised
        v += 0.3 * rng.normal(size=v.shape)
    x = rng.normal(size=(2, 5, 3))
    r = rng.normal(size=layer.forward(x).shape)       # E = sum(r * output): δ = r

    def loss():
        return float(np.sum(r * layer.forward(x)))

    layer.forward(x)
    dx = layer.backward(r)
    grads = {k: v.copy() for k, v in layer.grads.items()}
    assert set(grads) == set(layer.params)
    assert relative_error(dx, numerical_gradient(loss, x, EPS)) < 1e-6
    for key, p in layer.params.items():
        assert relative_error(grads[key], numerical_gradient(loss, p, EPS)) < 1e-6, key


@pytest.mark.parametrize("name", ["rnn", "lstm", "lstm-peephole", "gru"])
def test_gradient_with_respect_to_initial_state(name):
    rng = np.random.default_rng(4)
    layer = LAYERS[name]()
    x = rng.normal(size=(1, 4, 3))
    h0 = rng.normal(size=(1, 4))
    r = rng.normal(size=(1, 4, 4))
    layer.forward(x, h0=h0)
    layer.backward(r)
    num = numerical_gradient(lambda: float(np.sum(r * layer.forward(x, h0=h0))), h0, EPS)
    assert relative_error(layer.dh0, num) < 1e-6


@pytest.mark.parametrize("name", LAYERS)
def test_single_sequence_and_batch_agree(name):
    layer = LAYERS[name]()
    x = np.random.default_rng(1).normal(size=(3, 6, 3))
    batch = layer.forward(x)
    one = layer.forward(x[1])
    assert one.shape == batch.shape[1:]
    np.testing.assert_allclose(one, batch[1], rtol=1e-12)
    dx = layer.backward(np.ones_like(one))
    assert dx.shape == x[1].shape


def test_param_counts():
    x, h = 3, 4
    one = h * (h + x) + h
    assert RNN(x, h).param_count() == one
    assert RNN(x, h, output_size=2).param_count() == one + 2 * h + 2
    assert LSTM(x, h).param_count() == 4 * one
    assert LSTM(x, h, "peephole").param_count() == 4 * one + 3 * h
    assert LSTM(x, h, "coupled").param_count() == 3 * one
    assert GRU(x, h).param_count() == 3 * one
    for kind, variant, layer in [("rnn", "standard", RNN(x, h)), ("lstm", "standard", LSTM(x, h)),
                                 ("lstm", "peephole", LSTM(x, h, "peephole")),
                                 ("lstm", "coupled", LSTM(x, h, "coupled")), ("gru", "standard", GRU(x, h))]:
        assert param_count_formula(kind, x, h, variant) == layer.param_count()
    assert param_count_formula("lstm", 10, 20) == 4 * (20 * 30 + 20)


def test_rnn_step_is_the_elman_formula():
    layer = RNN(2, 3, seed=5)
    x = np.array([[0.5, -1.0], [2.0, 0.1]])
    p = layer.params
    h1 = np.tanh(p["W_xh"] @ x[0] + p["b_h"])
    h2 = np.tanh(p["W_xh"] @ x[1] + p["W_hh"] @ h1 + p["b_h"])
    np.testing.assert_allclose(layer.forward(x), [h1, h2], rtol=1e-12)


def test_coupled_lstm_has_no_input_gate_and_writes_one_minus_f():
    layer = LSTM(1, 1, "coupled", seed=2)
    assert "W_i" not in layer.params
    x = np.array([[0.7]])
    layer.forward(x)
    p = layer.params
    hx = np.array([0.0, 0.7])
    f = 1 / (1 + np.exp(-(p["W_f"] @ hx + p["b_f"])))
    g = np.tanh(p["W_C"] @ hx + p["b_C"])
    np.testing.assert_allclose(layer.c[0, 0], (1 - f) * g, rtol=1e-12)


def _pytorch_gru(x, h, w):
    """torch.nn.GRU's equations as its documentation writes them (reset gate after the product)."""
    sig = lambda a: 1 / (1 + np.exp(-a))
    out = []
    for x_t in x:
        r = sig(w["W_ir"] @ x_t + w["b_ir"] + w["W_hr"] @ h + w["b_hr"])
        z = sig(w["W_iz"] @ x_t + w["b_iz"] + w["W_hz"] @ h + w["b_hz"])
        n = np.tanh(w["W_in"] @ x_t + w["b_in"] + r * (w["W_hn"] @ h + w["b_hn"]))
        h = (1 - z) * n + z * h
        out.append(h)
    return np.array(out)


def _to_pytorch(layer):
    """The mapping the GRU docstring gives."""
    H, p = layer.hidden_size, layer.params
    zero = np.zeros(H)
    return {"W_ir": p["W_r"][:, H:], "W_hr": p["W_r"][:, :H], "b_ir": p["b_r"], "b_hr": zero,
            "W_iz": -p["W_z"][:, H:], "W_hz": -p["W_z"][:, :H], "b_iz": -p["b_z"], "b_hz": zero,
            "W_in": p["W_h"][:, H:], "W_hn": p["W_h"][:, :H], "b_in": p["b_h"], "b_hn": zero}


def test_gru_maps_to_pytorch_exactly_where_the_reset_gate_is_open():
    layer = GRU(2, 3, seed=4)
    rng = np.random.default_rng(0)
    for key in ("b_z", "b_h"):
        layer.params[key][...] = rng.normal(size=3)
    x = rng.normal(size=(5, 2))
    # r_t = 1 everywhere: "reset before" and "reset after" the product agree
    layer.params["W_r"][...] = 0.0
    layer.params["b_r"][...] = 40.0                        # sigma(40) == 1.0 in float64
    np.testing.assert_allclose(layer.forward(x), _pytorch_gru(x, np.zeros(3), _to_pytorch(layer)), atol=1e-12)
    # a working reset gate: Cho et al.'s form (this engine) and PyTorch's are different networks
    layer.params["W_r"][...] = rng.normal(size=layer.params["W_r"].shape)
    layer.params["b_r"][...] = 0.0
    gap = np.abs(layer.forward(x) - _pytorch_gru(x, np.zeros(3), _to_pytorch(layer))).max()
    assert gap > 1e-3


def test_gradient_through_time_fades_for_small_rnn_weights():
    layer = RNN(1, 3, seed=0)
    layer.params["W_hh"] *= 0.5 / np.linalg.norm(layer.params["W_hh"], 2)   # contracting
    x = np.random.default_rng(0).normal(size=(20, 1))
    norms = gradient_through_time(layer, x)
    assert norms.shape == (20,)
    np.testing.assert_allclose(norms[-1], np.sqrt(3))         # dh_T/dh_T = I
    assert norms[0] < 1e-4 * norms[-1]
    assert np.all(np.diff(norms) > 0)                          # fades going back in time
    # the chain rule by hand: dh_{t+1}/dh_t = diag(1 - h_{t+1}^2) W_hh
    h = layer.forward(x)
    J = np.eye(3)
    for t in range(19, 14, -1):
        np.testing.assert_allclose(norms[t], np.linalg.norm(J), rtol=1e-10)
        J = J @ (np.diag(1 - h[t] ** 2) @ layer.params["W_hh"])


@pytest.mark.parametrize("layer", [LSTM(2, 3), GRU(2, 3), RNN(2, 3, output_size=1)])
def test_gradient_through_time_runs_for_every_cell(layer):
    x = np.random.default_rng(2).normal(size=(6, 2))
    norms = gradient_through_time(layer, x)
    assert norms.shape == (6,) and np.all(np.isfinite(norms))
    np.testing.assert_allclose(norms[-1], np.sqrt(3))
    if isinstance(layer, RNN):
        assert layer.output_size == 1                          # restored afterwards


def test_bad_input_gives_clear_messages():
    with pytest.raises(ValueError, match="variant"):
        LSTM(2, 3, variant="fancy")
    with pytest.raises(ValueError, match="shape"):
        GRU(2, 3).forward(np.zeros((4, 5)))
    with pytest.raises(RuntimeError, match="forward"):
        RNN(2, 3).backward(np.zeros((4, 3)))


def test_backward_checks_gradient_shape():
    layer = RNN(2, 3, output_size=1)
    layer.forward(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"\(4, 1\)"):
        layer.backward(np.zeros((4, 3)))
    lstm = LSTM(2, 3)
    lstm.forward(np.zeros((5, 4, 2)))
    with pytest.raises(ValueError, match=r"\(5, 4, 3\)"):
        lstm.backward(np.zeros((4, 3)))
