"""Labs conv, cnn, rnn, lstm, digits, iris and fit speak only through the catalogs.

In the pseudo-language every translated message is marked ⟦…⟧; what a lab's
plain output shows outside the marks must be data (numbers, formulas, the
values a student typed), never a sentence that bypassed `t`.
"""
from __future__ import annotations

import io
import re

import pytest

from tutor.labs import get_lab
from tutor.locale import PSEUDO, translated, using

# Words that are data, not sentences: functions in formulas, pooling modes as the
# engine names them, the two models' names; and symbols such as W_hh or h_t.
DATA = {"tanh", "sin", "max", "mean", "avg", "CNN", "MLP"}
SYMBOL = re.compile(r"[A-Za-z]{1,2}_[A-Za-z0-9]*")
# Lines kit/training.py still writes itself (its epoch lines and the confusion table's corner):
# they join the catalogs with the kit's own change.
KIT = {"epoch", "loss", "train", "test", "accuracy", "true", "predicted"}

CASES = [("conv", ()), ("conv", ("image=example", "padding=full")), ("cnn", ("epochs=1", "channels=2")),
         ("rnn", ()), ("lstm", ()), ("lstm", ("cell=gru",)), ("digits", ("epochs=1", "browse=1")),
         ("iris", ("epochs=5",)), ("fit", ("epochs=20",)), ("fit", ("optimizer=sgd", "lr=50", "epochs=200"))]


def unmarked(text: str) -> str:
    """TEXT without its ⟦…⟧ parts (which may nest)."""
    depth, kept = 0, []
    for ch in text:
        if ch == "⟦":
            depth += 1
        elif ch == "⟧":
            depth -= 1
        elif depth == 0:
            kept.append(ch)
    return "".join(kept)


@pytest.mark.parametrize("name, tokens", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_plain_output_says_nothing_outside_the_catalogs(name, tokens):
    with using(PSEUDO):
        out = io.StringIO()
        get_lab(name).from_tokens(list(tokens)).plain(out)
    text = out.getvalue()
    assert "⟦" in text
    words = set(re.findall(r"[A-Za-z][A-Za-z_]{2,}", unmarked(text)))
    region_rows = {w for w in words if set(w) <= set("scv")}       # iris's regions drawn as letters
    symbols = {w for w in words if SYMBOL.fullmatch(w)}
    assert words - DATA - KIT - region_rows - symbols == set()


@pytest.mark.parametrize("name", ["conv", "cnn", "rnn", "lstm", "digits", "iris", "fit"])
def test_title_summary_and_settings_have_chinese(name):
    """`dltutor lab NAME --help` and the settings show these through `translated`."""
    lab = get_lab(name)
    texts = [lab.title] + [p.help for p in lab.params]
    if name != "rnn":          # its summary's braces would read as placeholders: it stays English
        texts.append(lab.summary)
    with using("zh"):
        assert [text for text in texts if translated(text) == text] == []
