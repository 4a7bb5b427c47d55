"""What each chart draws is the engine's number: the plotted data against the engine,
computed here by another route, and against what the lab shows (`dltutor lab … --plain`)."""
from __future__ import annotations

import re

import numpy as np
import pytest
from chart_helpers import built

from tutor.charts import chart


def line(fig, gid):
    found = [ln for ln in fig.findobj(lambda a: getattr(a, "get_gid", lambda: None)() == gid)]
    assert len(found) == 1, f"{gid}: {len(found)} artists"
    return found[0]


def lab_plain(capsys, *args) -> str:
    from tutor.cli import main

    assert main(["lab", *args, "--plain", "--lang", "en"]) == 0
    return capsys.readouterr().out


# --- 01 perceptron vs XOR ---------------------------------------------------------------
def test_01_loss_curves_and_regions_are_the_engines(capsys):
    from engine.activations import sigmoid
    from engine.data import and_gate, xor_gate
    from engine.optimizers import SGD
    from engine.training import iter_fit

    c = chart("01")
    fig, caption, _ = built("01", "en")
    _, points = c.grid()
    for key, (X, t) in (("and1", and_gate()), ("xor1", xor_gate()), ("xor2", xor_gate())):
        net = c.models()[key]
        losses = [h.train_loss[-1] for h in iter_fit(net, X, t, "sigmoid_bce", SGD(1.0), epochs=2000, shuffle=False)]
        assert np.allclose(line(fig, f"loss_{key}").get_ydata(), losses, rtol=0, atol=1e-12)
        drawn = np.asarray(line(fig, f"regions_{key}").get_array()).reshape(c.GRID, c.GRID)
        assert np.allclose(drawn, sigmoid(net.predict(points)).reshape(c.GRID, c.GRID), atol=1e-12)
    # the lab shows the same final losses
    out = lab_plain(capsys, "perceptron-xor")
    final = re.search(r"^ +2000 +([\d.]+) +([\d.]+) +([\d.]+)", out, re.M).groups()
    assert [f"{line(fig, f'loss_{k}').get_ydata()[-1]:.4f}" for k in c.KEYS] == list(final)
    assert "right at 4 of 4 corners" in caption and "right at 0 of 4 corners" in caption
    assert f"ln 2 = {np.log(2):.4f}" in caption


# --- 02 activations -------------------------------------------------------------------
def test_02_each_function_and_derivative_is_the_engines():
    from engine.activations import ACTIVATIONS

    fig, caption, _ = built("02", "en")
    for name in chart("02").NAMES:
        f, f_prime = ACTIVATIONS[name]
        for gid, fn in ((f"f_{name}", f), (f"fprime_{name}", f_prime)):
            drawn = line(fig, gid)
            assert np.array_equal(drawn.get_ydata(), fn(np.asarray(drawn.get_xdata())))
    # the lab's numbers (bisection) lie on the grid's edges: sigmoid flat beyond 4.5849, tanh beyond 2.9932
    assert "Sigmoid: largest derivative 0.25 at z = 0; flat (|f′| < 0.01): z ≤ −4.587, z ≥ 4.587." in caption
    assert "Tanh: largest derivative 1 at z = 0; flat (|f′| < 0.01): z ≤ −2.994, z ≥ 2.994." in caption
    assert "Leaky ReLU (α = 0.01): largest derivative 1 at z > 0; flat (|f′| < 0.01): nowhere" in caption


def test_02_shading_marks_where_the_derivative_is_below_001():
    from engine.activations import sigmoid_prime

    fig, _, _ = built("02", "en")
    ax = line(fig, "f_sigmoid").axes
    spans = sorted((round(p.get_x(), 3), round(p.get_x() + p.get_width(), 3)) for p in ax.patches)
    assert spans == [(-6.0, -4.587), (4.587, 6.0)]
    assert sigmoid_prime(4.587) < 0.01 < sigmoid_prime(4.584)


# --- 03 vanishing gradients ------------------------------------------------------------
def one_pass_by_hand(activation, init, depth=20, width=32, seed=0):
    """The lab's loop: Dense layers and the activation's f′ applied by hand, not through Sequential."""
    from engine.activations import ACTIVATIONS
    from engine.layers import Dense
    from engine.losses import MSE

    f, f_prime = ACTIVATIONS[activation]
    rng = np.random.default_rng(seed)
    layers = [Dense(width, width, init=init, rng=rng) for _ in range(depth)]
    X, T = rng.normal(size=(32, width)), rng.normal(size=(32, width))
    h, us = X, []
    for dense in layers:
        us.append(dense.forward(h))
        h = f(us[-1])
    _, delta = MSE().value_and_grad(h, T)
    norms = np.zeros(depth)
    for k in range(depth - 1, -1, -1):
        delta = layers[k].backward(delta * f_prime(us[k]))
        norms[k] = np.linalg.norm(layers[k].grads["W"])
    return norms


@pytest.mark.parametrize("activation,init", [("sigmoid", "xavier"), ("tanh", "xavier"), ("relu", "he")])
def test_03_gradient_norms_are_the_engines(activation, init, capsys):
    fig, _, _ = built("03", "en")
    drawn = line(fig, f"norms_{activation}").get_ydata()
    assert np.allclose(drawn, one_pass_by_hand(activation, init), rtol=1e-10)
    out = lab_plain(capsys, "vanishing", "depth=20", f"activation={activation}", f"init={init}")
    ratio = re.search(r"\|\|dE/dW_1\|\| / \|\|dE/dW_20\|\| = (\S+)", out).group(1)
    assert f"{drawn[0] / drawn[-1]:.4e}" == ratio


def test_03_reference_falls_by_the_sigmoids_largest_slope():
    fig, caption, _ = built("03", "en")
    ref = line(fig, "reference").get_ydata()
    assert np.allclose(ref[:-1] / ref[1:], 0.25)
    assert ref[-1] == line(fig, "norms_sigmoid").get_ydata()[-1]
    assert "0.25 to the power 19 is 3.638e-12" in caption
    for name in ("tanh", "relu"):           # "within one order of magnitude here"
        norms = line(fig, f"norms_{name}").get_ydata()
        assert norms.max() / norms.min() < 10


# --- 04 losses --------------------------------------------------------------------------
def test_04_losses_and_gradients_are_the_engines():
    from engine.activations import sigmoid_prime
    from engine.losses import MSE, BinaryCrossEntropy

    fig, caption, _ = built("04", "en")
    p = line(fig, "mse").get_xdata()
    z = chart("04").Z
    one = np.array([[1.0]])
    mse = [MSE().value(np.array([[q]]), one) for q in p]
    ce = [BinaryCrossEntropy().value(np.array([[q]]), one) for q in p]      # on p, not the fused logits
    dmse = [MSE().grad(np.array([[q]]), one)[0, 0] * sigmoid_prime(zz) for q, zz in zip(p, z)]
    dce = [BinaryCrossEntropy().grad(np.array([[q]]), one)[0, 0] * sigmoid_prime(zz) for q, zz in zip(p, z)]
    for gid, expected in (("mse", mse), ("ce", ce), ("dmse", dmse), ("dce", dce)):
        assert np.allclose(line(fig, gid).get_ydata(), expected, rtol=1e-9, atol=1e-12), gid
    # the lab's worked numbers (engine/losses.py's ½ convention)
    assert "At p = 0.8: MSE 0.0200, cross-entropy 0.2231" in caption
    assert "At p = 0.1: MSE 0.4050, cross-entropy 2.3026; gradients with respect to z: MSE -0.0810, " \
           "cross-entropy -0.9000." in caption


# --- 05 learning rate ------------------------------------------------------------------
def descent_by_hand(lr, steps=50):
    """The lab's loop: forward, MSE gradient, backward, SGD step; the loss after each step."""
    from engine.layers import Dense
    from engine.losses import MSE
    from engine.optimizers import SGD

    x = np.linspace(0.0, 3.0, 20)
    y = 2.0 * x + 1.0 + np.random.default_rng(0).normal(0.0, 0.3, 20)
    X, T = x[:, None], y[:, None]
    net, opt, loss = Dense(1, 1, W=[[0.0]], b=[0.0]), SGD(lr), MSE()
    E = [loss.value(net.forward(X), T)]
    w = [0.0]
    for _ in range(steps):
        _, delta = loss.value_and_grad(net.forward(X), T)
        net.backward(delta)
        opt.step([net])
        E.append(loss.value(net.forward(X), T))
        w.append(float(net.params["W"][0, 0]))
    return np.array(E), np.array(w)


def test_05_loss_and_slope_are_the_engines(capsys):
    c = chart("05")
    fig, caption, _ = built("05", "en")
    for k, lr in enumerate(c.RATES):
        E, w = descent_by_hand(lr)
        drawn = line(fig, f"loss_{k}").get_ydata()
        assert np.allclose(drawn, E[: len(drawn)], rtol=1e-12)
        slopes = line(fig, f"w_{k}").get_ydata()
        assert np.allclose(slopes, w[: len(slopes)], rtol=1e-12)
    out = lab_plain(capsys, "learning-rate")
    assert "eta = 0.57: eta*lambda_max = 2.203 (diverges), diverged at step 38" in out
    assert "η = 0.57 (far too large: diverges at step 38)" in caption
    for lr, final in re.findall(r"eta = ([\d.]+): .*final E = ([\d.]+)", out):
        k = c.RATES.index(float(lr))
        assert f"{line(fig, f'loss_{k}').get_ydata()[-1]:.6f}" == final


def test_05_labels_say_what_the_engine_did():
    """too small: never overshoots, slowest; good: fastest; too large: w zigzags around w*, still converges."""
    c = chart("05")
    numbers = c.compute()
    small, good, large, wild = numbers["runs"]
    w_best = numbers["w_best"]
    crossings = [int(np.sum(np.diff(np.sign(r["w"][1:] - w_best)) != 0)) for r in (small, good, large)]
    assert crossings[0] == 0 and crossings[2] >= 10
    when = [c.reached(r, numbers["E_best"]) for r in (small, good, large)]
    assert when[1] < when[2] and when[1] < when[0]
    assert wild["diverged"] is not None and large["diverged"] is None


# --- 06 SGD ------------------------------------------------------------------------------
def test_06_epoch_losses_are_the_labs_and_updates_add_up(capsys):
    fig, _, _ = built("06", "en")
    out = lab_plain(capsys, "sgd", "tol_loss=0", "epochs=30")
    rows = {int(m[0]): [float(v) for v in m[1:]] for m in re.findall(r"^ +(\d+) +([\d.]+) +([\d.]+) +([\d.]+)", out, re.M)}
    for k in range(3):
        drawn = line(fig, f"epochs_{k}").get_ydata()
        assert [round(v, 6) for v in (drawn[1], drawn[30])] == [rows[1][k], rows[30][k]]
        steps = line(fig, f"steps_{k}")
        updates = len(steps.get_ydata())
        assert updates == 30 * (64 // (64, 8, 1)[k])
        assert steps.get_ydata()[-1] == pytest.approx(drawn[-1], rel=1e-12)   # the last update ends the epoch
        assert np.array_equal(steps.get_xdata(), (64, 8, 1)[k] * np.arange(1, updates + 1))


def test_06_watching_the_loss_does_not_change_the_training():
    from engine.layers import Dense
    from engine.network import Sequential
    from engine.optimizers import SGD
    from engine.training import iter_fit

    c = chart("06")
    X, y = c.data()
    net = Sequential([Dense(2, 1, W=[[0.0, 0.0]], b=[0.0])])
    plain = [h.train_loss[-1] for h in iter_fit(net, X, y, "mse", SGD(0.1), epochs=30, batch_size=8, seed=0,
                                                eval_train=True)]
    assert np.array_equal(c.compute()["runs"][1]["epochs"][1:], plain)


# --- 07 MLP ----------------------------------------------------------------------------------
def test_07_counts_are_the_engines():
    from engine.layers import Dense, ReLU
    from engine.network import Sequential

    net = Sequential([Dense(784, 256), ReLU(), Dense(256, 128), ReLU(), Dense(128, 10)])
    counts = [n for n in net.param_counts() if n]
    fig, caption, _ = built("07", "en")
    for k, n in enumerate(counts):
        assert f"{n:,} parameters" in line(fig, f"count_{k}").get_text()
    assert line(fig, "total").get_text().startswith(f"{net.param_count():,} parameters in all")
    assert net.param_count() == 235_146
    assert "In all 235,146 parameters" in caption
