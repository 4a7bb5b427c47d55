"""BatchNorm, LayerNorm, GroupNorm: what they normalise over, training vs inference,
backward passes against finite differences, running statistics saved with the weights."""
import numpy as np
import pytest

from engine.gradcheck import check_layer, check_network, worst
from engine.layers import Dense, ReLU
from engine.network import Sequential
from engine.normalization import BatchNorm, GroupNorm, LayerNorm


def batch(shape, seed=0):
    return np.random.default_rng(seed).normal(3.0, 2.0, shape)


def test_batchnorm_training_uses_the_batch_per_channel():
    bn = BatchNorm(1, eps=1e-12)
    y = bn.forward(np.array([[1.0], [2.0], [3.0], [6.0]]), training=True)
    # μ = 3, σ² = (4 + 1 + 0 + 9)/4 = 3.5 (divided by the count)
    assert np.allclose(y.ravel(), (np.array([1, 2, 3, 6]) - 3) / np.sqrt(3.5))
    assert bn.buffers["running_mean"][0] == pytest.approx(0.1 * 3)
    assert bn.buffers["running_var"][0] == pytest.approx(0.9 * 1 + 0.1 * 3.5)


def test_batchnorm_inference_uses_the_running_statistics():
    bn = BatchNorm(3)
    x = batch((50, 3))
    for _ in range(200):
        bn.forward(x, training=True)
    assert np.allclose(bn.buffers["running_mean"], x.mean(axis=0))
    one = x[:1]
    # in inference one example is normalised with the data's statistics ...
    assert np.allclose(bn.forward(one), (one - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + 1e-5))
    # ... while a "batch" of one in training mode is normalised to 0 (its own mean): output β
    assert np.allclose(bn.forward(one, training=True), 0.0)


def test_layernorm_and_groupnorm_are_per_example():
    x = np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 10.0, 14.0]])
    ln = LayerNorm(4, eps=1e-12).forward(x)
    assert np.allclose(ln[0], (x[0] - 3) / np.sqrt(3.5))
    assert np.allclose(ln.mean(axis=1), 0) and np.allclose(ln.var(axis=1), 1)
    gn = GroupNorm(4, 2, eps=1e-12).forward(x)
    assert np.allclose(gn[0], [-1, 1, -1, 1])
    # the same in training and inference; one example alone gives the same answer
    assert np.allclose(LayerNorm(4).forward(x, training=True), LayerNorm(4).forward(x))
    assert np.allclose(LayerNorm(4).forward(x[:1]), LayerNorm(4).forward(x)[:1])


def test_groupnorm_on_images_normalises_each_group_of_channels():
    x = batch((2, 4, 3, 3), seed=1)
    y = GroupNorm(4, 2, eps=1e-12).forward(x)
    groups = y.reshape(2, 2, 2 * 9)
    assert np.allclose(groups.mean(axis=2), 0) and np.allclose(groups.var(axis=2), 1)
    b = BatchNorm(4, eps=1e-12).forward(x, training=True)
    assert np.allclose(b.mean(axis=(0, 2, 3)), 0) and np.allclose(b.var(axis=(0, 2, 3)), 1)


LAYERS = [
    (lambda: BatchNorm(3), (6, 3), True),
    (lambda: BatchNorm(3), (6, 3), False),
    (lambda: BatchNorm(2), (3, 2, 3, 3), True),
    (lambda: LayerNorm(5), (4, 5), False),
    (lambda: GroupNorm(4, 2), (3, 4, 2, 2), False),
]


@pytest.mark.parametrize("make,shape,training", LAYERS, ids=[f"{i}" for i in range(len(LAYERS))])
def test_backward_matches_finite_differences(make, shape, training):
    layer = make()
    layer.params["gamma"] += np.linspace(0.5, 1.5, layer.channels)
    layer.params["beta"] += 0.3
    if not training:       # inference: running statistics that are not 0 and 1
        layer.buffers.get("running_mean", np.zeros(1))[...] = 0.5
        layer.buffers.get("running_var", np.zeros(1))[...] = 2.0
    assert worst(check_layer(layer, batch(shape, seed=2), training=training)) < 1e-5


def test_a_network_with_batchnorm_checks_and_saves_its_running_statistics(tmp_path):
    def net():
        return Sequential([Dense(3, 4, rng=0), BatchNorm(4), ReLU(), Dense(4, 2, rng=1)])

    a = net()
    X, T = batch((8, 3)), np.random.default_rng(3).normal(size=(8, 2))
    a.forward(X, training=True)
    assert worst(check_network(a, X, T)) < 1e-5
    a.save(tmp_path / "w.npz")
    b = net()
    b.load(tmp_path / "w.npz")
    assert np.allclose(b.layers[1].buffers["running_mean"], a.layers[1].buffers["running_mean"])
    assert np.allclose(b.predict(X), a.predict(X))


def test_gamma_and_beta_are_not_decayed_and_bad_shapes_are_explained():
    assert BatchNorm(3).decayed() == () and LayerNorm(3).decayed() == ()
    with pytest.raises(ValueError, match="expects input"):
        BatchNorm(3).forward(np.zeros((2, 4)))
    with pytest.raises(ValueError, match="equal groups"):
        GroupNorm(6, 4)
