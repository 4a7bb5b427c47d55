"""`--plain` output of the Labs II (conv, cnn, rnn, lstm, digits, iris, fit):
the key numbers, each recomputed here independently of the lab's code path."""
from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest

from lab_plain import plain_text as plain


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
        assert number_after(text, rf"y\[{i},{j}\] = [^\n]*=") == pytest.approx(fmap[i, j], abs=0.006)
    m = n // 2
    pooled = fmap[:2 * m, :2 * m].reshape(m, 2, m, 2)
    assert number_after(text, rf"max\[{m - 1},{m - 1}\] = max\([^)]*\) =") == pytest.approx(pooled[-1, :, -1, :].max(), abs=0.006)
    assert number_after(text, r"avg\[0,0\] = mean\([^)]*\) =") == pytest.approx(pooled[0, :, 0, :].mean(), abs=0.006)
    assert f"Flatten {m}×{m} into {m * m} number" in text


def test_conv_plain_worked_example_image():
    x = np.array([[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]], float)
    w = [[0, 1, 2], [2, 2, 0], [0, 1, 2]]
    text = plain("conv", "image=example", "kernel=0,1,2,2,2,0,0,1,2")
    assert "floor((5 + 2*0 - 3) / 1) + 1 = 3" in text
    y = direct_conv(x, w, 0, 1)
    for i in range(3):
        for j in range(3):
            assert number_after(text, rf"y\[{i},{j}\] = [^\n]*=") == y[i, j]
    assert number_after(text, r"max\[0,0\] = max\([^)]*\) =") == y[:2, :2].max()


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
        for name, value in (("fₜ", f), ("iₜ", i), ("C̃ₜ", g), ("Cₜ", c), ("oₜ", o), ("hₜ", h)):
            assert number_after(text, rf"t = {t}: {re.escape(name)} = \[") == pytest.approx(value, abs=6e-5)


# --- iris -------------------------------------------------------------------
def confusion_from(text: str, k: int) -> np.ndarray:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "true \\ predicted" in line)
    rows = [line.split()[-k:] for line in lines[start + 1:start + 1 + k]]
    return np.array(rows, dtype=int)


def test_iris_plain_accuracy_and_confusion():
    text = plain("iris")
    acc = number_after(text, "Test accuracy:")
    assert acc >= 0.9
    m = confusion_from(text, 3)
    assert m.sum() == 45 and list(m.sum(axis=1)) == [15, 15, 15]   # 30% of 50 per species, stratified
    assert acc == pytest.approx(np.trace(m) / m.sum(), abs=1e-4)
    assert number_after(text, r"epoch\s+200: loss") < number_after(text, r"epoch\s+5: loss")


# --- fit --------------------------------------------------------------------
@pytest.mark.parametrize("target, f", [("sin", np.sin), ("square", np.square)])
def test_fit_plain_curve_against_the_target(target, f):
    text = plain("fit", f"target={target}", "epochs=800", "hidden=16")
    rows = re.findall(r"^\s*(-?\d+\.\d{3})\s+(-?\d+\.\d{4})\s+(-?\d+\.\d{4})$", text, re.M)
    assert len(rows) == 11
    x, target_col, learned = (np.array(c, dtype=float) for c in zip(*rows))
    assert target_col == pytest.approx(f(x), abs=6e-4)                  # the target is right
    assert np.max(np.abs(learned - target_col)) < 0.2                   # and the network learned it
    assert number_after(text, "Final loss:") < 0.01


def test_fit_plain_divergence_names_the_step():
    text = plain("fit", "optimizer=sgd", "lr=50", "epochs=200")
    k = int(number_after(text, "Diverged at step"))
    assert k >= 1 and not re.search(r"E = -?(nan|inf)", text)


# --- digits -----------------------------------------------------------------
def test_digits_plain_accuracy_confusion_and_fgsm():
    text = plain("digits", "epochs=10")
    acc = number_after(text, "Test accuracy:")
    assert acc >= 0.9
    m = confusion_from(text, 10)
    assert m.sum() == 450 and acc == pytest.approx(np.trace(m) / 450, abs=1e-4)
    assert number_after(text, r"Wrong:") == 450 - np.trace(m)
    fgsm = re.search(r"FGSM: eps = ([0-9.]+), prediction (\d) -> (\d) \((flipped|not flipped)\)", text)
    assert fgsm and fgsm.group(4) == "flipped" and fgsm.group(2) != fgsm.group(3)
    assert 0 < float(fgsm.group(1)) <= 1


# --- cnn --------------------------------------------------------------------
def read_grid(text: str, title: str, rows: int) -> np.ndarray:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    return np.array([line.split() for line in lines[start + 1:start + 1 + rows]], dtype=float)


def test_cnn_plain_feature_map_by_direct_loop_and_accuracies():
    from engine.data import digits, train_test_split

    C, digit = 3, 7
    text = plain("cnn", "epochs=3", f"channels={C}", f"digit={digit}")
    d = digits()
    _, Xte, _, _ = train_test_split(d.X / 16.0, d.y, test_size=0.25, seed=0, stratify=True)
    image = Xte[digit].reshape(8, 8)
    for k in (1, C):
        kernel = read_grid(text, f"Channel {k}: kernel", 3)
        bias = number_after(text, rf"Channel {k}: kernel \(bias")
        fmap = read_grid(text, f"Channel {k}: feature map", 6)
        direct = np.maximum(direct_conv(image, kernel, 0, 1) + bias, 0.0)
        assert fmap == pytest.approx(direct, abs=3e-3)
    params = (9 * C + C) + (9 * C * 10 + 10)          # conv W and b, then dense W and b
    assert "CNN test accuracy: " in text and f"({params} parameters)" in text
    assert f"({64 * 50 + 50 + 50 * 10 + 10} parameters)" in text
    assert number_after(text, "CNN test accuracy:") > 0.5
    assert number_after(text, "MLP test accuracy:") > 0.5


def test_labs2_modules_do_not_import_textual():
    code = ("import sys\n"
            "from tutor.labs import get_lab\n"
            "for name in ('conv', 'cnn', 'rnn', 'lstm', 'digits', 'iris', 'fit'):\n"
            "    get_lab(name)()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_digit_takes_the_article_english_needs():
    from tutor.labs.kit.training import a_digit

    assert [a_digit(d) for d in (1, 8, "8", 0)] == ["a 1", "an 8", "an 8", "a 0"]
