"""Labs derivative, gradient2d, gd1d, regression, neuron, activations, losses and
backprop speak only through the catalogs.

In the pseudo-language every translated message is marked ⟦…⟧; what a lab's
plain output shows outside the marks must be data (numbers, formulas, the
values a student typed, the engine's symbols), never a sentence that bypassed `t`.
"""
from __future__ import annotations

import io
import re

import pytest

from tests.labs.test_labs_qps_networks import unmarked
from tutor.labs import get_lab
from tutor.locale import PSEUDO, translated, using

NAMES = ("derivative", "gradient2d", "gd1d", "regression", "neuron", "activations", "losses", "backprop")
CASES = [("derivative", ()), ("gradient2d", ()), ("gd1d", ()), ("gd1d", ("compare=0.1",)),
         ("regression", ()), ("neuron", ()), ("activations", ()), ("losses", ()),
         ("backprop", ()), ("backprop", ("iterations=2000",))]
# Words that are data, not sentences: the gates' names in neuron's truth table, MSE and softmax in formulas.
DATA = {"AND", "MSE", "softmax"}
# Symbols such as E_total, or backprop's net_h1 and out_o2 (the classic example's names).
SYMBOL = re.compile(r"[A-Za-z]{1,3}_[A-Za-z0-9]*")


@pytest.mark.parametrize("name, tokens", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_plain_output_says_nothing_outside_the_catalogs(name, tokens):
    with using(PSEUDO):
        out = io.StringIO()
        get_lab(name).from_tokens(list(tokens)).plain(out)
    text = out.getvalue()
    assert "⟦" in text
    words = set(re.findall(r"[A-Za-z][A-Za-z_]{2,}", unmarked(text)))
    symbols = {w for w in words if SYMBOL.fullmatch(w)}
    assert words - DATA - symbols == set()


@pytest.mark.parametrize("name", NAMES)
def test_title_and_settings_have_chinese(name):
    """`dltutor lab NAME --help` and the settings show these through `translated`."""
    lab = get_lab(name)
    texts = [lab.title] + [p.help for p in lab.params]
    with using("zh"):
        assert [text for text in texts if translated(text) == text] == []
