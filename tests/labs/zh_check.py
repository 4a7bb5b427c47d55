"""Shared helpers for the Chinese lab tests (tests/labs/test_labs_zh_*.py).

A lab run in a language, its plain output and event labels, the numbers and the
Chinese in a text, the English and Chinese plain output checked against each
other, and the text and plot frames of the Chinese app's widgets.
"""
from __future__ import annotations

import io
import re

from rich.cells import cell_len

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
HAN = re.compile(r"[\u4e00-\u9fff]")


def make(name: str, *tokens: str, lang: str = "en"):
    """Lab NAME built from TOKENS, speaking LANG ("en" or "zh")."""
    from tutor.labs import get_lab
    from tutor.locale import set_language

    set_language(lang)          # the process's language (tests/conftest.py resets it to English)
    return get_lab(name).from_tokens(list(tokens))


def plain(name: str, *tokens: str, lang: str = "en") -> str:
    """What `dltutor lab NAME TOKENS... --plain --lang LANG` prints."""
    out = io.StringIO()
    make(name, *tokens, lang=lang).plain(out)
    return out.getvalue()


def labels(name: str, *tokens: str, lang: str = "en") -> list[str]:
    """The label of every event the lab's run yields, in order."""
    return [e.label for e in make(name, *tokens, lang=lang).run()]


def numbers(text: str) -> list[str]:
    """Every number written in TEXT, sorted (as strings, the way they are printed)."""
    return sorted(NUMBER.findall(text))


def han(text: str) -> bool:
    """Whether TEXT holds a Chinese character."""
    return bool(HAN.search(text))


def both(name: str, *tokens: str) -> tuple[str, str]:
    """English and Chinese plain output: the same numbers and lines, Chinese only in the zh one."""
    en, zh = plain(name, *tokens), plain(name, *tokens, lang="zh")
    assert numbers(zh) == numbers(en)
    assert len(zh.splitlines()) == len(en.splitlines())
    assert not han(en) and han(zh)
    return en, zh


def widget_text(app, selector: str) -> str:
    """The rendered text of every widget on the screen that SELECTOR matches, one after another."""
    return "\n".join(str(w.render()) for w in app.screen.query(selector))


def static_text(app, selector: str) -> str:
    """A Static's text as the terminal shows it (a Rich table included)."""
    from rich.console import Console
    from textual.widgets import Static

    console = Console(width=200, record=True, file=io.StringIO())
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


def plot_fits(plot) -> None:
    """Every row of PLOT fits the widget's width in terminal cells, Chinese title and legend included."""
    rows = str(plot.render()).splitlines()
    assert rows and all(cell_len(row) <= plot.size.width for row in rows), (plot.size.width, rows)


def plots_fit(app, selector) -> None:
    """plot_fits for every plot on the screen that SELECTOR (a CSS selector or a widget class) matches."""
    for plot in app.screen.query(selector):
        plot_fits(plot)
