"""The classic 2-2-2 backpropagation example, reproduced to its published digits."""
import io
import subprocess
import sys

import numpy as np
import pytest

from engine.backprop_example import build_network, data, events, weights
from engine.losses import MSE
from engine.optimizers import SGD
from engine.training import train_step

# published values (to the digits printed in the worked example)
PUBLISHED = {
    "net_h1": 0.3775, "out_h1": 0.593269992, "out_h2": 0.596884378,
    "out_o1": 0.75136507, "out_o2": 0.772928465, "E_total": 0.298371109,
    "∂E/∂w5": 0.082167041, "∂E/∂w1": 0.000438568,
    "w5": 0.35891648, "w6": 0.408666186, "w7": 0.511301270, "w8": 0.561370121,
    "w1": 0.149780716, "w2": 0.19956143, "w3": 0.24975114, "w4": 0.29950229,
}


def decimals(x: float) -> int:
    text = repr(x)
    return len(text.split(".")[1]) if "." in text else 0


def first_iteration_values():
    named = {}
    for event in events(0.5, 1):
        if event.kind != "info" and event.kind != "done":
            named.update({k: v for k, v in event.values.items() if isinstance(v, float)})
    return named


@pytest.mark.parametrize("name", PUBLISHED)
def test_published_numbers(name):
    got = first_iteration_values()[name]
    assert abs(got - PUBLISHED[name]) <= 0.5 * 10 ** -decimals(PUBLISHED[name]), (name, got)


def test_biases_stay_fixed_and_the_error_falls():
    net = build_network()
    X, T = data()
    before = MSE().value(net.predict(X), T)
    for _ in range(100):
        train_step(net, X, T, MSE(), SGD(0.5))
    assert np.allclose(net.layers[0].params["b"], 0.35) and np.allclose(net.layers[2].params["b"], 0.60)
    assert MSE().value(net.predict(X), T) < before / 5
    assert set(weights(net)) == {f"w{k}" for k in range(1, 9)}


def test_events_end_with_done_and_count_iterations():
    evs = list(events(0.5, 2))
    assert evs[-1].kind == "done" and evs[-1].values["iterations"] == 2
    assert sum(e.kind == "loss" for e in evs) == 2


def test_lab_plain_prints_every_quantity():
    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab("backprop")().plain(out)
    text = out.getvalue()
    for needle in ("net_h1 = 0.377500000", "out_h1 = 0.593269992", "E_total = 0.298371109",
                   "∂E/∂w5 = 0.082167041", "w5 = 0.358916480", "w1 = 0.149780716", "w8 = 0.561370121",
                   "∂E/∂net_o1", "∂out_h1/∂net_h1", "fixed"):
        assert needle in text, needle


def test_lab_parameters_and_cli():
    from tutor.labs import LabError, get_lab

    lab = get_lab("backprop").from_tokens(["lr=0.1", "iterations=2"])
    assert lab.values == {"lr": 0.1, "iterations": 2}
    with pytest.raises(LabError):
        get_lab("backprop").from_tokens(["iterations=0"])
    out = subprocess.run([sys.executable, "-m", "tutor", "lab", "backprop", "--plain"],
                         capture_output=True, text=True, check=True)
    assert "0.298371109" in out.stdout and "0.082167041" in out.stdout
