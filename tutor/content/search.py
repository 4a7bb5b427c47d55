"""Find lesson pages by their words ("chain rule", or the Chinese of a zh lesson): what the palette searches.

No Textual here.  A page's text is its prose, formulas and callouts with
Markdown marks and line breaks taken out; a query with no Latin letters
(Chinese) is also matched with every space removed, since Chinese text
breaks lines between any two characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

SEARCHED = ("markdown", "math", "analogy", "demo")
SNIPPET = 24          # characters shown on each side of the match


@dataclass(frozen=True)
class Found:
    lesson: object
    page: int          # from 0
    snippet: str


def page_text(page) -> str:
    parts = [block.text for block in page.blocks if block.kind in SEARCHED]
    text = re.sub(r"[*_`#>]+", "", "\n".join(parts))
    return re.sub(r"\s+", " ", text).strip()


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def find(lessons, query: str, limit: int = 30) -> list[Found]:
    """Pages whose text holds `query` (case ignored), in lesson order, at most `limit`."""
    wanted = re.sub(r"\s+", " ", query).strip().casefold()
    if len(wanted) < 2:
        return []
    latin = re.search(r"[a-z]", wanted) is not None
    found: list[Found] = []
    for lesson in lessons:
        for number, page in enumerate(lesson.pages):
            text = page_text(page)
            haystack, needle = text.casefold(), wanted
            if not latin:
                text = _squeeze(text)
                haystack, needle = text.casefold(), _squeeze(wanted)
            at = haystack.find(needle)
            if at < 0:
                continue
            start, end = max(0, at - SNIPPET), min(len(text), at + len(needle) + SNIPPET)
            snippet = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
            found.append(Found(lesson, number, snippet))
            if len(found) >= limit:
                return found
    return found
