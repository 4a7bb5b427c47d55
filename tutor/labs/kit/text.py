"""Plain-text output of a run: for screen readers, scripts, slides and tests."""
from __future__ import annotations

import re
from typing import Iterable, TextIO

from engine.events import Event


def formula_text(latex: str) -> str:
    """A formula as one line of text (the formula renderer's inline mode)."""
    if not latex:
        return ""
    try:
        from tutor.mathtext import render_inline
    except ImportError:  # the renderer has not landed: show the LaTeX itself
        return latex
    try:
        return render_inline(latex)
    except Exception:  # never let a formula crash plain output
        return latex


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def function_text(expression: str) -> str:
    """A function as typed (f=x^2 + sin(x)) written as the lessons write it: x² + sin(x).
    Only whole-number powers become superscripts (x^2.5 and x^(1/2) stay as typed) and a
    minus sign is U+2212; the rest is left alone, so the student still sees what they typed."""
    text = re.sub(r"\*\*", "^", expression)
    text = re.sub(r"\^(\d+)(?![\d.])", lambda m: m.group(1).translate(_SUPERSCRIPT), text)
    return re.sub(r"(?<!\de)-", "−", text)          # 1e-3 is a number as typed, not a subtraction


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` filled with spaces to `width` terminal cells (a Chinese character takes two);
    `right=True` puts the spaces first."""
    from rich.cells import cell_len

    gap = " " * max(0, width - cell_len(text))
    return gap + text if right else text + gap


def center(text: str, width: int) -> str:
    """`text` in the middle of `width` terminal cells."""
    from rich.cells import cell_len

    gap = max(0, width - cell_len(text))
    return " " * (gap // 2) + text + " " * (gap - gap // 2)


def plus(number_text: str) -> str:
    """A number after a plus sign, as a reader writes it: "+ 2.5" or "- 2.5", never "+ -2.5"."""
    return f"- {number_text[1:]}" if number_text.startswith("-") else f"+ {number_text}"


def print_events(events: Iterable[Event], out: TextIO) -> None:
    """One line per event: its step, caption (in the student's language) and formula."""
    from tutor.labs.kit.captions import caption

    for event in events:
        line = f"[{event.step}] {caption(event)}"
        text = formula_text(event.formula)
        if text:
            line += f": {text}"
        print(line, file=out)
