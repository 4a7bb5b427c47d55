"""Question text for a terminal: `$…$` math rendered as one line of Unicode.

Uses the formula renderer's inline mode (tutor.mathtext.render_inline); if it
is missing or fails, the LaTeX is shown as typed — never a traceback.
"""
from __future__ import annotations

import re

_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)


def math_inline(latex: str) -> str:
    try:
        from tutor.mathtext import render_inline
    except ImportError:
        return latex
    try:
        text = render_inline(latex)
    except Exception:  # the renderer promises never to raise; keep that promise here too
        return latex
    return text if isinstance(text, str) and text else latex


def inline(text: str) -> str:
    """Every `$…$` (and `$$…$$`) in the text rendered inline."""
    if not text or "$" not in text:
        return text or ""
    return _MATH.sub(lambda m: math_inline(m.group(1) or m.group(2)), text)
