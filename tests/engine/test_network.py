"""Sequential: parameter counts, whole-network gradients, save and load."""
import numpy as np
import pytest

from engine.gradcheck import check_network, worst
from engine.layers import Dense, Dropout, ReLU, Sigmoid, Tanh
from engine.losses import one_hot
from engine.network import Sequential


def digits_net():
    return Sequential([Dense(64, 50, rng=0), ReLU(), Dense(50, 10, rng=1)])


def test_parameter_counts():
    net = digits_net()
    assert net.param_counts() == [64 * 50 + 50, 0, 50 * 10 + 10]
    assert net.param_count() == 3760
    assert "3760" in net.summary()
    assert net.labels() == ["Dense 1", "ReLU 1", "Dense 2"]


@pytest.mark.parametrize("loss,make_t,out", [
    ("mse", lambda r: r.normal(size=(6, 3)), 3),
    ("softmax_ce", lambda r: one_hot(r.integers(0, 3, 6), 3), 3),
    ("sigmoid_bce", lambda r: r.integers(0, 2, (6, 1)).astype(float), 1),
])
def test_network_gradients_match_finite_differences(loss, make_t, out):
    rng = np.random.default_rng(0)
    net = Sequential([Dense(4, 5, init="xavier", rng=1), Tanh(), Dense(5, 4, rng=2), Sigmoid(), Dense(4, out, rng=3)])
    X, T = rng.normal(size=(6, 4)), make_t(rng)
    checks = check_network(net, X, T, loss, check_input=True)
    assert len(checks) == 7
    assert worst(checks) < 1e-6


def test_predict_switches_dropout_off():
    net = Sequential([Dense(3, 3, rng=0), Dropout(0.5, rng=0), Dense(3, 2, rng=1)])
    X = np.ones((4, 3))
    assert np.array_equal(net.predict(X), net.predict(X))
    assert not np.allclose(net.forward(X, training=True), net.predict(X))


def test_save_and_load_round_trip(tmp_path):
    net = digits_net()
    path = net.save(tmp_path / "weights.npz")
    assert path.exists()
    other = Sequential([Dense(64, 50, rng=5), ReLU(), Dense(50, 10, rng=6)])
    W_ref = other.layers[0].params["W"]
    other.load(path)
    assert other.layers[0].params["W"] is W_ref          # loaded in place
    X = np.random.default_rng(0).normal(size=(3, 64))
    assert np.array_equal(other.predict(X), net.predict(X))


def test_load_refuses_weights_of_another_shape(tmp_path):
    path = digits_net().save(tmp_path / "w.npz")
    with pytest.raises(ValueError, match="shape"):
        Sequential([Dense(64, 40), ReLU(), Dense(40, 10)]).load(path)
    with pytest.raises(ValueError, match="missing"):
        Sequential([Dense(64, 50)]).load(path)
    (tmp_path / "bad.npz").write_text("not a zip")
    with pytest.raises(ValueError, match="cannot read"):
        digits_net().load(tmp_path / "bad.npz")


def test_only_layers_allowed():
    with pytest.raises(TypeError, match="not an engine Layer"):
        Sequential([Dense(2, 2), "relu"])


def test_save_to_a_missing_folder_gives_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="cannot write"):
        digits_net().save(tmp_path / "no" / "such" / "w.npz")
