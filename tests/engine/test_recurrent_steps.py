"""Gate-by-gate events end where the layers' forward ends, with the numbers in the formulas."""
import numpy as np
import pytest

from engine.recurrent import GRU, LSTM, RNN
from engine.recurrent_steps import gru_step_events, lstm_step_events, rnn_step_events, sequence_events

LAYERS = {
    "rnn": lambda: RNN(2, 3, seed=1),
    "rnn-out": lambda: RNN(2, 3, output_size=2, seed=1),
    "lstm": lambda: LSTM(2, 3, seed=1),
    "lstm-peephole": lambda: LSTM(2, 3, variant="peephole", seed=1),
    "lstm-coupled": lambda: LSTM(2, 3, variant="coupled", seed=1),
    "gru": lambda: GRU(2, 3, seed=1),
}


@pytest.mark.parametrize("name", LAYERS)
def test_sequence_events_end_at_the_forward_state(name):
    layer = LAYERS[name]()
    rng = np.random.default_rng(0)
    for v in layer.params.values():
        v += 0.2 * rng.normal(size=v.shape)
    xs = rng.normal(size=(5, 2))
    events = list(sequence_events(layer, xs))
    done = events[-1]
    assert done.kind == "done"
    out = layer.forward(xs)
    np.testing.assert_allclose(done.arrays["h"], layer.h[0], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(done.arrays["h_T"], layer.h[0, -1], rtol=1e-12, atol=1e-14)
    if isinstance(layer, LSTM):
        np.testing.assert_allclose(done.arrays["C_T"], layer.c[0, -1], rtol=1e-12, atol=1e-14)
    if name == "rnn-out":
        ys = [e.arrays["y_t"] for e in events if e.values.get("gate") == "y"]
        np.testing.assert_allclose(ys, out, rtol=1e-12)
    assert [e.step for e in events] == list(range(len(events)))
    assert all(e.formula for e in events)


def test_lstm_gate_order_and_labels():
    gates = [e.values["gate"] for e in lstm_step_events(LSTM(2, 3), [0.5, -1.0])]
    assert gates == ["f", "i", "C~", "C", "o", "h"]
    gates = [e.values["gate"] for e in gru_step_events(GRU(2, 3), [0.5, -1.0])]
    assert gates == ["z", "r", "h~", "h"]
    assert [e.values["gate"] for e in rnn_step_events(RNN(2, 3), [0.5, -1.0])] == ["h"]


def one_unit_lstm(variant="standard"):
    layer = LSTM(1, 1, variant=variant)
    for g in layer.gates:
        layer.params[f"W_{g}"][:] = [[0.5, 0.25]]       # [w_h, w_x]
        layer.params[f"b_{g}"][:] = 0.0
    layer.params["b_f"][:] = 1.0
    if variant == "peephole":
        for g in "fio":
            layer.params[f"p_{g}"][:] = 0.5
    return layer


def test_one_unit_lstm_formulas_carry_the_numbers():
    events = list(lstm_step_events(one_unit_lstm(), x_t=[2.0], h_prev=[0.4], c_prev=[0.2]))
    f = events[0]
    # f = sigma(0.5*0.4 + 0.25*2 + 1) = sigma(1.7)
    expected = 1 / (1 + np.exp(-1.7))
    assert f.values["value"] == pytest.approx(expected, rel=1e-12)
    assert f.formula == (r"f_t = \sigma(W_f [h_{t-1}, x_t] + b_f) = "
                         r"\sigma\left(0.500 \cdot 0.400 + 0.250 \cdot 2 + 1\right) = "
                         r"\sigma\left(1.700\right) = 0.846")
    c = events[3]
    i, g = events[1].values["value"], events[2].values["value"]
    assert c.values["value"] == pytest.approx(expected * 0.2 + i * g, rel=1e-12)
    assert c.formula.startswith(r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t = 0.846 \cdot 0.200 + ")
    h = events[-1]
    assert h.values["value"] == pytest.approx(events[4].values["value"] * np.tanh(c.values["value"]))


def test_peephole_and_coupled_formulas():
    pe = list(lstm_step_events(one_unit_lstm("peephole"), [2.0], [0.4], [0.2]))
    assert r"p_f \odot C_{t-1}" in pe[0].formula and r"0.500 \cdot 0.200" in pe[0].formula
    assert r"p_o \odot C_t" in pe[4].formula
    # peephole f = sigma(1.7 + 0.5*0.2)
    assert pe[0].values["value"] == pytest.approx(1 / (1 + np.exp(-1.8)), rel=1e-12)
    co = list(lstm_step_events(one_unit_lstm("coupled"), [2.0], [0.4], [0.2]))
    assert co[1].formula.startswith(r"i_t = 1 - f_t = 1 - 0.846 = 0.154")
    assert co[1].values["value"] == pytest.approx(1 - co[0].values["value"])


def test_vector_cells_write_matrices():
    e = next(lstm_step_events(LSTM(2, 3), [1.0, 0.0]))
    assert r"\begin{pmatrix}" in e.formula and e.arrays["f_t"].shape == (3,)
    big = next(gru_step_events(GRU(4, 6), np.ones(4)))
    assert "W_z" in big.formula                                # 60 weights keep their name


def test_bad_input_gives_clear_messages():
    with pytest.raises(ValueError, match="numbers"):
        list(rnn_step_events(RNN(2, 3), [1.0, 2.0, 3.0]))
    with pytest.raises(ValueError, match="shape"):
        list(sequence_events(GRU(2, 3), np.zeros((4, 3))))
