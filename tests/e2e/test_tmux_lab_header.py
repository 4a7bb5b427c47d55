"""Issue 18 item 5: a lab's header shows the settings in force after a key changes them.

In gd1d, `]` then `l` used to leave the header at `(gd1d x0=4 lr=0.5)` while the panel showed
x0 = 4.5, η = 1, and every press stacked another toast over the plot.
"""
from __future__ import annotations

import pytest
from screens import app
from test_tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

TOAST = {"en": "learning rate η =", "zh": "学习率 η ="}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_header_follows_the_keys(tmp_path, lang):
    term = app(tmp_path, "--lang", lang, "lab", "gd1d", "x0=4", "lr=0.5", width=100, height=30)
    try:
        term.wait_until(lambda s: "(gd1d x0=4 lr=0.5)" in s, "the header with the settings given")
        term.type("]]ll")
        screen = term.wait_until(lambda s: "(gd1d x0=5 lr=2)" in s.split("\n")[0], "the header after ] ] l l")
        assert screen.count(TOAST[lang]) <= 1, screen          # one notice at most, not one per key
        term.type("h[")
        term.wait_until(lambda s: "(gd1d x0=4.5 lr=1)" in s.split("\n")[0], "the header after h [")
    finally:
        term.close()
