"""Read a gettext .po catalog: {msgid: msgstr} plus its header fields.

.po files are what translators edit (Poedit, Weblate, Lokalize, or any text
editor); `msgfmt --check` validates them.  Python's gettext module reads only
compiled .mo files, which would need a build step; this reader is the small
part of the format we use: comments, msgctxt-free entries, multi-line
strings and C escapes.  Fuzzy and empty translations are left out, so the
English text shows (never a half-finished one).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


class CatalogError(ValueError):
    """A .po file that cannot be read: file, line and reason."""


@dataclass
class Catalog:
    messages: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)    # msgid -> line of its entry


def _unquote(text: str, path: Path, line: int) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise CatalogError(f"{path}:{line}: expected a quoted string, got {text[:40]!r}")
    try:
        return ast.literal_eval(text)   # a Python string literal reads C escapes the same way
    except (ValueError, SyntaxError):
        raise CatalogError(f"{path}:{line}: bad string {text[:40]!r}") from None


def read_po(path: Path) -> Catalog:
    catalog = Catalog()
    entry: dict[str, str] = {}
    flags: set[str] = set()
    current: str | None = None
    start = 0

    def finish() -> None:
        nonlocal entry, flags, current
        if "msgid" in entry:
            msgid, msgstr = entry["msgid"], entry.get("msgstr", "")
            if msgid == "":
                for header in msgstr.splitlines():
                    name, _, value = header.partition(":")
                    catalog.headers[name.strip()] = value.strip()
            elif msgstr and "fuzzy" not in flags:
                if msgid in catalog.messages:
                    raise CatalogError(f"{path}:{start}: {msgid[:40]!r} is translated twice")
                catalog.messages[msgid] = msgstr
                catalog.lines[msgid] = start
        entry, flags, current = {}, set(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#"):
            if "msgid" in entry:        # comments open the next entry
                finish()
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith(("msgid ", "msgstr ")):
            keyword, _, rest = line.partition(" ")
            if keyword == "msgid":
                if "msgid" in entry:
                    finish()
                start = number
            current = keyword
            entry[keyword] = _unquote(rest, path, number)
        elif line.startswith('"') and current is not None:
            entry[current] += _unquote(line, path, number)
        else:
            raise CatalogError(f"{path}:{number}: cannot read {line[:40]!r}")
    finish()
    return catalog
