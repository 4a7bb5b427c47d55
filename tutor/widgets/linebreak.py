"""Line breaking that suits Chinese text and inline formulas.

Rich breaks lines only at whitespace.  Chinese has no spaces between words,
so a long Chinese run jumps whole to the next line (leaving a short line
behind) and a formula such as `ŷ = ax² − bx + c` may be split at any of its
spaces.  This breaker follows the usual rules instead:

- a line may break after whitespace, except a no-break space (U+00A0), which
  page_text puts between the parts of an inline formula so it stays whole;
- a line may break between two characters when either is CJK, except before
  closing punctuation (，。）… never start a line) or after opening
  punctuation (（「… never end one).

`install()` puts it in place of Rich's `divide_line`, which Rich's Text.wrap
(and so Markdown) uses.  No library offers this for Rich; the rules above are
the simple subset of UAX #14 that Chinese lesson prose needs.
"""
from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells

NO_BREAK_SPACE = "\u00a0"
CLOSING = set("，。、；：！？）」』】》〉”’…—·,.;:!?)]}%")
OPENING = set("（「『【《〈“‘([{")


def is_cjk(ch: str) -> bool:
    if not ch:
        return False
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF)


def _space(ch: str) -> bool:
    return ch.isspace() and ch != NO_BREAK_SPACE


def _rstrip(word: str) -> str:
    end = len(word)
    while end and _space(word[end - 1]):
        end -= 1
    return word[:end]


def words(text: str):
    """(start, end, word) pieces, each a place a line may start; trailing spaces stay with the word."""
    start = 0
    for i in range(1, len(text)):
        prev, ch = text[i - 1], text[i]
        if _space(ch):
            continue
        if _space(prev):
            breakable = True
        else:
            breakable = (is_cjk(prev) or is_cjk(ch)) and ch not in CLOSING and prev not in OPENING \
                and ch != NO_BREAK_SPACE and prev != NO_BREAK_SPACE
        if breakable:
            yield start, i, text[start:i]
            start = i
    if start < len(text):
        yield start, len(text), text[start:]


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Rich's contract: the offsets at which `text` should be broken to fit `width` cells."""
    if _rich_divide_line is not None and not _NEEDS_RULES.search(text):
        return _rich_divide_line(text, width, fold)   # no Chinese, no formula: Rich's breaks are the same
    breaks: list[int] = []
    offset = 0
    for start, _end, word in words(text):
        length = cell_len(_rstrip(word))
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:                       # longer than a line: fold it
            if fold:
                pieces = chop_cells(word, width)
                for n, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if n == len(pieces) - 1:
                        offset = cell_len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
_CJK_NEWLINE = re.compile(f"(?<=[{_CJK}])\n(?=[{_CJK}])")
_NEEDS_RULES = re.compile(f"[{_CJK}{NO_BREAK_SPACE}]")


def join_cjk_lines(text: str) -> str:
    """A source line break between two Chinese characters is no space in Chinese."""
    return _CJK_NEWLINE.sub("", text)


_installed = False
_rich_divide_line = None      # Rich's own breaker, kept by install() for plain text


def install() -> None:
    """Use this breaker for all Rich text wrapping in this process (once)."""
    global _installed, _rich_divide_line
    if _installed:
        return
    import rich.text

    _rich_divide_line = rich.text.divide_line
    rich.text.divide_line = divide_line
    _installed = True

