"""Shared by the chart tests (imported by them; pytest puts this folder on sys.path): every chart built once per
language (the engine's numbers are cached
by each chart module, so a second language costs only the drawing)."""
from __future__ import annotations

import warnings
from functools import lru_cache

import pytest

pytest.importorskip("matplotlib", reason="the charts extra (matplotlib) is not installed: pip install '.[charts]'")

from tutor.charts import NUMBERS  # noqa: E402
from tutor.charts.fonts import find_cjk_font  # noqa: E402

LANGS = ("en", "zh")
LOW_DPI = 40          # enough to prove a file is written; 300 DPI is checked once


def need_font(lang: str) -> None:
    if lang == "zh" and find_cjk_font() is None:
        pytest.skip("no Chinese font installed (Debian: apt-get install fonts-noto-cjk)")


@lru_cache(maxsize=None)
def built(number: str, lang: str):
    """(figure, caption, warnings while building) for one chart in one language."""
    from tutor.charts.figures import build, drawing

    with warnings.catch_warnings(record=True) as caught, drawing(lang):
        warnings.simplefilter("always")
        fig, caption = build(number, lesson="9.9")
    return fig, caption, [str(w.message) for w in caught]


CASES = [(number, lang) for lang in LANGS for number in NUMBERS]
