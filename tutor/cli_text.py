"""What the command line prints besides lessons: its one error type and its tables.

Kept apart from tutor/cli.py so subcommands (exercises, charts) can use them
without importing the whole command line back (an import cycle).
"""
from __future__ import annotations

import unicodedata


class UsageError(Exception):
    """Bad input from the student: printed as one line, exit status 2."""


def cells(text: str) -> int:
    """Columns a string takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def table(rows: list[list[str]]) -> str:
    widths = [max(cells(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows)
