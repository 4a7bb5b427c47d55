"""Optimizers: the first three steps against values worked out by hand.

θ starts at 1, the gradients are 0.5, −0.2, 0.1 and η = 0.1 (ε = 0 so the
hand arithmetic is exact).  Worked values:
    SGD       0.95, 0.97, 0.96
    Momentum  v = 0.05, 0.025, 0.0325     θ = 0.95, 0.925, 0.8925       (γ = 0.9)
    AdaGrad   r = 0.25, 0.29, 0.30        θ = 0.9, 0.9 + 0.02/√0.29, ...
    RMSProp   r = 0.025, 0.0265, 0.02485  θ = 1 − 0.05/√0.025, ...       (ρ = 0.9)
    Adam      m̂ = 0.5, 0.025/0.19, ...    θ = 0.9, 0.865439, 0.827500   (β = 0.9, 0.999)
"""
import numpy as np
import pytest

from engine.layers import Dense
from engine.network import Sequential
from engine.optimizers import SGD, AdaGrad, Adam, Momentum, RMSProp, get_optimizer

GRADS = (0.5, -0.2, 0.1)


def three_steps(opt):
    theta = np.array([1.0])
    out = []
    for g in GRADS:
        opt.begin_step()
        opt.update("theta", theta, np.array([g]))
        out.append(float(theta[0]))
    return out


@pytest.mark.parametrize("opt,expected", [
    (SGD(0.1), [0.95, 0.97, 0.96]),
    (Momentum(0.1, gamma=0.9), [0.95, 0.925, 0.8925]),
    (AdaGrad(0.1, eps=0.0), [0.9, 0.9371390676354104, 0.918881649051905]),
    (RMSProp(0.1, rho=0.9, eps=0.0), [0.683772233983162, 0.8066312573499522, 0.7431951093803971]),
    (Adam(0.1, eps=0.0), [0.9, 0.8654394152087409, 0.8275002367277032]),
    (SGD(0.1, weight_decay=0.1), [0.94, 0.9506, 0.931094]),
], ids=["sgd", "momentum", "adagrad", "rmsprop", "adam", "sgd-l2"])
def test_first_three_steps(opt, expected):
    assert three_steps(opt) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_momentum_velocity_is_remembered():
    opt = Momentum(0.1, gamma=0.9)
    three_steps(opt)
    assert opt.state["theta"][0][0] == pytest.approx(0.0325)


def test_step_updates_every_trainable_parameter_in_place():
    layer = Dense(2, 2, rng=0, frozen={"b"})
    net = Sequential([layer, Dense(2, 1, rng=1)])
    W0, b0 = layer.params["W"], layer.params["b"].copy()
    W_before = W0.copy()
    for l in net.layers:
        l.grads = {k: np.ones_like(p) for k, p in l.params.items()}
    SGD(0.5).step(net)
    assert layer.params["W"] is W0                      # same array, changed in place
    assert np.allclose(W0, W_before - 0.5)
    assert np.array_equal(layer.params["b"], b0)         # frozen
    assert np.allclose(net.layers[1].params["b"], -0.5)


def test_weight_decay_leaves_biases_alone():
    net = Sequential([Dense(1, 1, W=[[2.0]], b=[2.0])])
    net.layers[0].grads = {"W": np.zeros((1, 1)), "b": np.zeros(1)}
    SGD(0.1, weight_decay=0.5).step(net)
    assert net.layers[0].params["W"][0, 0] == pytest.approx(2.0 - 0.1 * 0.5 * 2.0)
    assert net.layers[0].params["b"][0] == 2.0


def test_bad_settings_give_clear_errors():
    with pytest.raises(ValueError, match="learning rate"):
        SGD(0.0)
    with pytest.raises(ValueError, match="γ"):
        Momentum(0.1, gamma=1.0)
    with pytest.raises(ValueError, match="unknown optimizer"):
        get_optimizer("lbfgs")
    assert isinstance(get_optimizer("adam", lr=0.01), Adam)
