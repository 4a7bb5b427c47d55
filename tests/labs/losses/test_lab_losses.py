"""Lab losses: the numbers against hand computations, and the Pilot key drill."""
from __future__ import annotations

import io
import math
import re

import pytest

from labs2_pilot import drill, screen_text


def plain(*tokens: str) -> str:
    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab("losses").from_tokens(list(tokens)).plain(out)
    return out.getvalue()


def test_plain_values_at_08_and_01():
    text = plain()
    assert "½" in text and "Convention" in text
    for p in (0.8, 0.1):
        line = next(l for l in text.splitlines() if l.startswith(f"p = {p:g}:"))
        assert f"{0.5 * (1 - p) ** 2:.4f}" in line           # the ½ convention
        assert f"{(1 - p) ** 2:.4f}" in line                 # and without it
        assert f"{-math.log(p):.4f}" in line                 # CE = −ln p: 0.2231, 2.3026
    assert "0.2231" in text and "2.3026" in text
    # gradients with respect to the logit: (p − 1) p (1 − p) and p − 1
    assert f"{(0.1 - 1) * 0.1 * 0.9:.4f}" in text and f"{0.1 - 1:.4f}" in text


def test_plain_softmax_gradient_by_hand():
    z = [2.0, 1.0, 0.1]
    e = [math.exp(v) for v in z]
    s = [v / sum(e) for v in e]
    text = plain("logits=2,1,0.1", "target=0")
    rows = [l.split() for l in text.splitlines() if re.match(r"\s+\d\s+-?\d", l)]
    assert len(rows) == 3
    for j, row in enumerate(rows):
        assert float(row[2]) == pytest.approx(s[j], abs=5e-5)
        assert float(row[4]) == pytest.approx(s[j] - (j == 0), abs=5e-5)
        assert float(row[5]) == pytest.approx(s[j] - (j == 0), abs=5e-4)   # finite differences agree
    assert f"{-math.log(s[0]):.4f}" in text


def test_bad_parameters_are_clear():
    from tutor.labs import LabError, get_lab

    for tokens, needle in ((["logits=1,x"], "not a number"), (["target=3"], "only 3 logits"),
                           (["p=0,0.5"], "strictly between"), (["logits=1"], "between 2 and 8")):
        with pytest.raises(LabError, match=needle):
            get_lab("losses").from_tokens(tokens)


def test_losses_keys_and_bars():
    async def after(pilot, app, stepper):
        bars = app.screen.query_one("#softmax-bars")
        assert "E = −ln ŷ_0 = 0.4170" in screen_text(app)
        await pilot.press("l", "k", "k", "k", "k")          # logit 1: 1 -> 2
        await pilot.pause()
        assert bars.logits == [2.0, 2.0, 0.1]
        e = [math.exp(v) for v in bars.logits]
        assert f"{-math.log(e[0] / sum(e)):.4f}" in screen_text(app)
        await pilot.press("0")
        await pilot.pause()
        assert bars.logits == [2.0, 1.0, 0.1]
        return True

    assert drill("losses", (), steps=4, size=(100, 32), after=after)


@pytest.mark.parametrize("p", ["0.8", "0.99"])
def test_the_gradient_line_starts_under_mse(p):
    import io

    from tutor.labs import get_lab

    out = io.StringIO()
    get_lab("losses").from_tokens([f"p={p}"]).plain(out)
    lines = out.getvalue().splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith(f"p = {p}:"))
    assert lines[i].index("MSE") == lines[i + 1].index("∂MSE")
