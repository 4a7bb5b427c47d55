"""`--plain` output of the Labs II (conv, cnn, rnn, lstm, digits, iris, fit):
the key numbers, each recomputed here independently of the lab's code path."""
from __future__ import annotations

import io
import re
import subprocess
import sys

import numpy as np
import pytest


def plain(name: str, *tokens: str) -> str:
    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab(name).from_tokens(list(tokens)).plain(out)
    return out.getvalue()


def number_after(text: str, pattern: str) -> float:
    m = re.search(pattern + r"\s*(-?[0-9.]+(?:e[-+]?[0-9]+)?)", text)
    assert m, f"{pattern!r} not found in:\n{text[:2000]}"
    return float(m.group(1))


# --- conv -------------------------------------------------------------------
def direct_conv(image, kernel, p, s):
    """Cross-correlation by four nested loops (no engine code)."""
    k = len(kernel)
    padded = np.zeros((image.shape[0] + 2 * p, image.shape[1] + 2 * p))
    padded[p:p + image.shape[0], p:p + image.shape[1]] = image
    n = (image.shape[0] + 2 * p - k) // s + 1
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            total = 0.0
            for u in range(k):
                for v in range(k):
                    total += padded[i * s + u, j * s + v] * kernel[u][v]
            out[i, j] = total
    return out


@pytest.mark.parametrize("padding, p, stride, kernel, rows", [
    ("valid", 0, 1, "1,0,-1,1,0,-1,1,0,-1", [[1, 0, -1]] * 3),
    ("same", 1, 1, "sharpen", [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]),
    ("full", 2, 2, "horizontal", [[1, 1, 1], [0, 0, 0], [-1, -1, -1]]),
])
def test_conv_plain_output_size_and_values(padding, p, stride, kernel, rows):
    from engine.data import digits

    digit = 5
    text = plain("conv", f"digit={digit}", f"kernel={kernel}", f"padding={padding}", f"stride={stride}", "pool=2")
    n = (8 + 2 * p - 3) // stride + 1
    assert f"floor((8 + 2*{p} - 3) / {stride}) + 1 = {n}" in text
    assert f"feature map {n}×{n}" in text
    fmap = direct_conv(digits().images[digit], rows, p, stride)
    for i, j in [(0, 0), (n // 2, n - 1), (n - 1, 1)]:
        assert number_after(text, rf"y\[{i + 1},{j + 1}\] = [^\n]*=") == pytest.approx(fmap[i, j], abs=0.006)
    m = n // 2
    pooled = fmap[:2 * m, :2 * m].reshape(m, 2, m, 2)
    assert number_after(text, rf"max\[{m},{m}\] = max\([^)]*\) =") == pytest.approx(pooled[-1, :, -1, :].max(), abs=0.006)
    assert number_after(text, r"avg\[1,1\] = mean\([^)]*\) =") == pytest.approx(pooled[0, :, 0, :].mean(), abs=0.006)
    assert f"Flatten {m}×{m} into {m * m} number" in text


def test_conv_plain_through_the_cli():
    result = subprocess.run([sys.executable, "-m", "tutor", "lab", "conv", "kernel=blur", "--plain"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "feature map 6×6" in result.stdout
    bad = subprocess.run([sys.executable, "-m", "tutor", "lab", "conv", "kernel=1,2", "--plain"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "square" in bad.stderr + bad.stdout


# --- rnn --------------------------------------------------------------------
def test_rnn_plain_hidden_states_and_gradients():
    from engine.recurrent import RNN

    T, H, scale = 7, 3, 1.5
    text = plain("rnn", f"T={T}", f"hidden={H}", f"scale={scale}", "input=sine", "seed=2")
    layer = RNN(1, H, seed=2)
    W_xh, W_hh, b = layer.params["W_xh"], layer.params["W_hh"] * scale, layer.params["b_h"]
    xs = np.sin(2 * np.pi * np.arange(1, T + 1) / 8)
    h, hs = np.zeros(H), []
    for x in xs:                                   # the forward loop written out
        h = np.tanh(W_xh[:, 0] * x + W_hh @ h + b)
        hs.append(h)
    line = re.search(rf"t = {T}: x_t = [-0-9.]+, h_t = \[([^\]]*)\]", text).group(1)
    assert [float(v) for v in line.split(",")] == pytest.approx(hs[-1], abs=6e-4)
    # dh_T/dh_t = J_T J_{T-1} ... J_{t+1} with J_s = diag(1 - h_s^2) W_hh
    jac = np.eye(H)
    for t in range(T, 0, -1):
        assert number_after(text, rf"\|dh_{T}/dh_{t}\| =") == pytest.approx(np.linalg.norm(jac), rel=1e-4)
        jac = jac @ (np.diag(1 - hs[t - 1] ** 2) @ W_hh)
    first = number_after(text, rf"\|dh_{T}/dh_1\| =")
    assert first < 0.5 * np.sqrt(H)                # the gradient fades through time


# --- lstm -------------------------------------------------------------------
@pytest.mark.parametrize("cell", ["lstm", "peephole", "coupled", "gru"])
@pytest.mark.parametrize("hidden", [1, 3])
def test_lstm_plain_parameter_counts(cell, hidden):
    text = plain("lstm", f"cell={cell}", f"hidden={hidden}", "T=2")
    x, h = 1, hidden
    gate = h * (h + x) + h                          # one gate: W (h × (h + x)) and b (h)
    expected = {"rnn": gate, "lstm": 4 * gate, "peephole": 4 * gate + 3 * h, "coupled": 3 * gate, "gru": 3 * gate}
    for name, count in expected.items():
        assert re.search(rf"^  {name} .*= {count}(  <- this cell)?$", text, re.M), (name, count, text)
    assert re.search(rf"^  {cell} .*= {expected[cell]}  <- this cell$", text, re.M)


def test_lstm_plain_gates_match_a_direct_cell():
    from engine.recurrent import LSTM

    text = plain("lstm", "cell=lstm", "hidden=1", "T=3", "seed=4")
    layer = LSTM(1, 1, seed=4)
    p = {k: v for k, v in layer.params.items()}
    sig = lambda z: 1 / (1 + np.exp(-z))
    h = c = 0.0
    for t, x in enumerate(np.sin(2 * np.pi * np.arange(1, 4) / 8), start=1):
        hx = np.array([h, x])
        f = sig(p["W_f"][0] @ hx + p["b_f"][0])
        i = sig(p["W_i"][0] @ hx + p["b_i"][0])
        g = np.tanh(p["W_C"][0] @ hx + p["b_C"][0])
        c = f * c + i * g
        o = sig(p["W_o"][0] @ hx + p["b_o"][0])
        h = o * np.tanh(c)
        for name, value in (("f_t", f), ("i_t", i), ("C~_t", g), ("C_t", c), ("o_t", o), ("h_t", h)):
            assert number_after(text, rf"t = {t}: {re.escape(name)} = \[") == pytest.approx(value, abs=6e-5)
