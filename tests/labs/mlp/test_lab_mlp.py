"""Lab mlp: parameter counts by the formula, shapes, a forward pass recomputed with plain numpy, the drill."""
from __future__ import annotations

import re
from functools import partial

import numpy as np
import pytest

from lab_plain import plain_text
from labs2_pilot import drill, run_to_end

plain = partial(plain_text, "mlp")  # plain(*tokens) -> the printed text


def test_plain_784_256_128_10_parameters_and_shapes():
    text = plain()
    assert 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10 == 235146
    assert "Total parameters: 235,146" in text
    assert re.search(r"^1\s+\(256, 784\)\s+256\s+256\s+200,960$", text, re.M)
    assert re.search(r"^3\s+\(10, 128\)\s+10\s+10\s+1,290$", text, re.M)
    assert "random input of 784 numbers" in text and "untrained" in text


@pytest.mark.parametrize("sizes", ["3,5,2", "64,16,10", "10,1"])
def test_parameter_count_for_any_sizes(sizes):
    n = [int(s) for s in sizes.split(",")]
    total = sum(a * b + b for a, b in zip(n, n[1:]))
    assert f"Total parameters: {total:,}" in plain(f"sizes={sizes}", "train=0")


def test_forward_pass_recomputed_by_hand():
    from engine.data import digits
    from tutor.labs import get_lab

    lab = get_lab("mlp").from_tokens(["sizes=64,16,10", "train=0", "digit=7"])
    Ws = [(layer.params["W"], layer.params["b"]) for layer in lab.network().layers if hasattr(layer, "n_in")]
    y = digits().X[7] / 16.0
    for l, (W, b) in enumerate(Ws):
        u = W @ y + b
        y = np.maximum(u, 0) if l < len(Ws) - 1 else np.exp(u - u.max()) / np.exp(u - u.max()).sum()
    text = plain("sizes=64,16,10", "train=0", "digit=7")
    probs = [float(m.group(1)) for m in re.finditer(r"^\s+\d+ ([0-9.]+) #*$", text, re.M)]
    assert np.allclose(probs, y, atol=6e-5)
    assert f"largest output is #{int(np.argmax(y))}" in text or f"network says {int(np.argmax(y))}" in text


def test_trained_digit_network_reads_its_digit():
    text = plain("sizes=64,32,10", "digit=0")
    assert "the network says 0" in text and "the digit is a 0" in text


def test_bad_sizes_are_clear():
    from tutor.labs import LabError, get_lab

    for bad, why in (("sizes=10", "at least"), ("sizes=a,b", "whole numbers"), ("sizes=4096,4096,4096", "parameters"),
                     ("sizes=5,0,3", "between")):
        with pytest.raises(LabError, match=why):
            get_lab("mlp").from_tokens([bad])


def test_drill_bars_per_layer():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        bars = app.screen.query_one("ActivationBars")
        assert len(bars.series["values"].y) == 10
        assert abs(sum(bars.series["values"].y) - 1) < 1e-9
        assert app.screen.query_one("InputImage").data.shape == (8, 8)
        return True

    assert drill("mlp", ("sizes=64,32,10",), size=(100, 32), after=after)
    assert drill("mlp", (), steps=3) is None


def test_diagram_names_sit_under_their_boxes():
    from rich.cells import cell_len

    from engine.events import Event
    from tutor.labs import get_lab
    from tutor.labs.mlp.view import diagram
    from tutor.locale import using

    for lang in ("en", "zh"):
        lab = get_lab("mlp").from_tokens(["sizes=8,4,4,4,4,4,4,4,4,4,4,2"])   # ten hidden layers
        with using(lang):
            boxes, names = diagram(lab)(Event("info", "x"), []).plain.splitlines()[:2]
        centres = [boxes.index("[", 11 * k) + 4 for k in range(12)]
        words = names.split()
        words = [" ".join(words[i:i + 2]) for i in range(1, len(words) - 1, 2)]     # "hidden 3" / "隐藏层 3"
        assert len(words) == 10 and words[-1].endswith("10")
        for k, word in enumerate(words, start=1):
            middle = cell_len(names[:names.index(word)]) + cell_len(word) / 2
            assert abs(middle - centres[k]) <= 1.5, (lang, word)
