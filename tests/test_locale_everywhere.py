"""Every word a student reads comes from the catalogs (issue 16, item 4, done).

- No Python file of the app or the engine holds Chinese: translations live in
  tutor/locale/<lang>/*.po.  The few exceptions are data the code reasons
  about (words a lesson's formula may contain), each with its reason.
- In the pseudo-language every translated message is marked ⟦…⟧: every lab's
  plain output (the same text its panels narrate) shows nothing outside the
  marks but data — numbers, formulas, symbols, names the student typed.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest

from tutor.labs import get_lab, lab_names
from tutor.locale import PSEUDO, using

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")

# file -> why its Chinese is data, not a translation
ALLOWED = {
    "tutor/mathtext/inline.py": "the words that start a condition in a Chinese lesson's cases formula "
                                "(\\text{其他}, 否则...): the layout recognises them",
    "tutor/quiz/hints.py": "the words of a generic Chinese hint (再想想, 重读...), which the hint check refuses",
}


def python_files():
    for top in ("tutor", "engine"):
        for path in sorted((ROOT / top).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if not rel.startswith("tutor/locale/"):
                yield rel, path


def test_no_python_file_outside_the_catalogs_holds_chinese():
    found = [rel for rel, path in python_files()
             if rel not in ALLOWED and HAN.search(path.read_text(encoding="utf-8"))]
    assert found == [], "Chinese belongs in tutor/locale/zh/*.po: " + ", ".join(found)


def test_each_allowed_file_still_needs_its_exception():
    for rel in ALLOWED:
        assert HAN.search((ROOT / rel).read_text(encoding="utf-8")), f"{rel} has no Chinese left: drop it from ALLOWED"


def unmarked(text: str) -> str:
    """TEXT without its ⟦…⟧ parts (which may nest)."""
    depth, kept = 0, []
    for ch in text:
        if ch == "⟦":
            depth += 1
        elif ch == "⟧":
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(ch)
    return "".join(kept)


# Words that are data, not sentences: functions inside formulas (as the maths
# writes them), Greek symbols spelled out in plain text (eta=0.5, beta1 = 0.9),
# names of activations, layers and optimizers as a student types them in
# settings, the two models of the cnn lab, the gate in neuron's truth table.
DATA = {"sin", "cos", "exp", "tanh", "max", "min", "mean", "avg", "sigmoid", "relu", "ReLU", "softmax",
        "Softmax", "Sigmoid", "Tanh", "Dense", "Dropout", "Flatten", "CNN", "MLP", "MSE", "inf", "nan",
        "eta", "gamma", "rho", "beta", "theta", "epsilon", "hat",
        "SGD", "Momentum", "AdaGrad", "RMSProp", "Adam", "AND"}
SYMBOL = re.compile(r"[A-Za-z]{1,3}_[A-Za-z0-9]*|[A-Za-z]+_hat")        # W_hh, h_t, m_hat, backprop's net_h1
DRAWN = (set("scv"), set("oOxX"))      # iris's regions and the playground's points, drawn as letters


@pytest.mark.parametrize("name", lab_names())
def test_every_lab_s_plain_output_says_nothing_outside_the_catalogs(name):
    with using(PSEUDO), np.errstate(all="ignore"):
        out = io.StringIO()
        get_lab(name)().plain(out)
    text = out.getvalue()
    assert "⟦" in text
    words = set(re.findall(r"[A-Za-z][A-Za-z_]{2,}", unmarked(text)))
    words -= {w for w in words if SYMBOL.fullmatch(w)}
    words -= {w for w in words if any(set(w) <= letters for letters in DRAWN)}
    assert words - DATA == set(), f"{name}: words outside the catalogs"
