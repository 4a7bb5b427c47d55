"""Issue 18 item 10: the LSTM lab writes what lesson 5.2 writes — hₜ, C̃ₜ, Wᵢ (not h_t, C~_t,
W_i), and "1 hidden unit", not "1 hidden unit(s)" — in English and Chinese, plain and in the app."""
from __future__ import annotations

import io
import re

import pytest

from tutor.locale import using

RAW = re.compile(r"[A-Za-z]_(t\b|\{|0\b|i\b|o\b)|C~|h~|\(s\)")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("tokens", [[], ["hidden=2"], ["cell=gru"]])
def test_plain_output_has_no_ascii_subscripts(lang, tokens):
    from tutor.labs import get_lab

    out = io.StringIO()
    with using(lang):
        get_lab("lstm").from_tokens(tokens).plain(out)
    bad = [line for line in out.getvalue().splitlines() if RAW.search(line)]
    assert not bad, bad[:5]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_app_captions_and_gate_bars_write_the_lessons_names(lang):
    from tutor.labs import get_lab
    from tutor.labs.kit.captions import caption
    from tutor.labs.lstm.view import gate_bars

    with using(lang):
        events = list(get_lab("lstm")().run())
        captions = [caption(e) for e in events]
        bars = [gate_bars(e, events[: k + 1]) for k, e in enumerate(events)]
    assert not [c for c in captions if RAW.search(c)], captions
    shown = "\n".join(b.plain for b in bars if b is not None)
    assert "C̃ₜ" in shown and "hₜ" in shown and not RAW.search(shown), shown[:300]
    assert any("1 hidden unit," in c or "1 个隐藏单元" in c for c in captions)
