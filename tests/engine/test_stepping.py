"""Training-step events: order, content, immutability, and the same numbers as a plain step."""
import numpy as np
import pytest

from engine.layers import Dense, ReLU, Sigmoid
from engine.losses import MSE, SoftmaxCrossEntropy, one_hot
from engine.network import Sequential
from engine.optimizers import SGD, Adam
from engine.stepping import pmatrix, train_step_events
from engine.training import train_step


def tiny():
    return Sequential([Dense(2, 3, rng=0), Sigmoid(), Dense(3, 2, rng=1)])


def test_event_order_and_kinds():
    net = tiny()
    events = list(train_step_events(net, np.array([[0.5, -1.0]]), np.array([[1.0, 0.0]]), MSE(), SGD(0.1)))
    kinds = [e.kind for e in events]
    assert kinds == ["forward"] * 3 + ["loss"] + ["backward"] * 3 + ["update"] * 4
    assert [e.label for e in events[:3]] == ["Dense 1 forward", "Sigmoid 1 forward", "Dense 2 forward"]
    assert [e.values["layer"] for e in events[4:7]] == [2, 1, 0]
    assert [e.step for e in events] == list(range(len(events)))
    assert events[-1].label == "Update b of Dense 2"


@pytest.mark.parametrize("opt", [lambda: SGD(0.3), lambda: Adam(0.01)], ids=["sgd", "adam"])
def test_events_do_exactly_what_a_plain_step_does(opt):
    rng = np.random.default_rng(0)
    X, T = rng.normal(size=(5, 2)), one_hot(rng.integers(0, 2, 5), 2)
    a, b = tiny(), tiny()
    oa, ob = opt(), opt()
    for _ in range(3):
        events = list(train_step_events(a, X, T, SoftmaxCrossEntropy(), oa))
        value = train_step(b, X, T, SoftmaxCrossEntropy(), ob)
        assert events[3].values["E"] == pytest.approx(value, rel=1e-12)
    for (_, _, pa), (_, _, pb) in zip(a.parameters(), b.parameters()):
        assert np.allclose(pa, pb, rtol=1e-12, atol=0)


def test_small_arrays_are_written_out_with_the_numbers():
    net = Sequential([Dense(2, 2, W=[[1.0, 2.0], [3.0, 4.0]], b=[0.5, -0.5])])
    first = next(train_step_events(net, np.array([[1.0, 1.0]]), np.array([[0.0, 0.0]]), MSE(), SGD(0.1)))
    assert r"\begin{pmatrix}" in first.formula
    assert "3.5000" in first.formula and "6.5000" in first.formula     # u = Wx + b
    assert np.allclose(first.arrays["y"], [[3.5, 6.5]])


def test_big_arrays_are_summarised_by_shape_and_norm():
    net = Sequential([Dense(64, 50, rng=0), ReLU(), Dense(50, 10, rng=1)])
    X = np.random.default_rng(0).normal(size=(32, 64))
    events = list(train_step_events(net, X, np.random.default_rng(1).integers(0, 10, 32), SoftmaxCrossEntropy(), SGD(0.1)))
    assert all("pmatrix" not in e.formula for e in events)
    assert r"32 \times 64" in events[0].formula and r"\|" in events[0].formula


def test_events_are_immutable_copies():
    net = tiny()
    events = list(train_step_events(net, np.array([[0.5, -1.0]]), np.array([[1.0, 0.0]]), MSE(), SGD(0.1)))
    update = events[-4]
    assert update.kind == "update"
    with pytest.raises(ValueError):
        update.arrays["after"][0, 0] = 99.0
    with pytest.raises(Exception):
        update.label = "changed"
    assert not np.allclose(update.arrays["before"], update.arrays["after"])


def test_frozen_parameters_get_no_update_event():
    net = Sequential([Dense(2, 2, rng=0, frozen={"b"})])
    events = list(train_step_events(net, np.ones((1, 2)), np.zeros((1, 2)), MSE(), SGD(0.1)))
    assert [e.label for e in events if e.kind == "update"] == ["Update W of Dense 1"]


def test_a_non_finite_loss_ends_with_diverged_and_no_update():
    net = Sequential([Dense(1, 1, W=[[1e200]], b=[0.0])])
    with np.errstate(over="ignore"):
        events = list(train_step_events(net, np.array([[1e200]]), np.array([[0.0]]), MSE(), SGD(0.1)))
    assert events[-1].kind == "diverged"
    assert "update" not in [e.kind for e in events]
    assert net.layers[0].params["W"][0, 0] == 1e200


def test_pmatrix():
    assert pmatrix(np.array([[1.0, 2.0]])) == r"\begin{pmatrix}1.0000 & 2.0000\end{pmatrix}"
    assert pmatrix(np.array([1.0, -0.00001])) == r"\begin{pmatrix}1.0000 \\ 0.0000\end{pmatrix}"
