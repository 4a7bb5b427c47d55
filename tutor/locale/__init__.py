"""Every word a student reads, in their language: one function, `t`.

    from tutor.locale import t
    t("Step {step} of {total}", step=3, total=10)

The English text is the message id, so code reads as English; each other
language has catalogs in `tutor/locale/<lang>/*.po` (standard gettext files,
one per part of the app) that map it to a translation with the same named
placeholders.  Placeholders may carry a format spec (`{lr:g}`).  A message a
catalog lacks shows in English.  Adding a language is a folder of catalogs
plus `lessons/<lang>/`: no code changes.

The language is one setting of the process (each student has their own
process), set once where it is chosen (the command line, the name screen)
with `set_language`.  `language()` reads it.  The pseudo-language `qps`
marks every translated message ⟦like this⟧, so a test can find text that
bypasses the catalogs.
"""
from __future__ import annotations

import contextlib
import string
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from tutor.locale.po import Catalog, CatalogError, read_po

__all__ = ["t", "N_", "translated", "set_language", "language", "languages", "using", "language_name",
           "catalog", "placeholders", "conflicts", "PSEUDO", "CatalogError"]

HERE = Path(__file__).parent
SOURCE = "en"          # the language the message ids are written in
PSEUDO = "qps"         # a test language: every message marked ⟦…⟧

_language = SOURCE


def languages() -> tuple[str, ...]:
    """The languages a student can choose: English plus every catalog folder."""
    found = sorted(p.name for p in HERE.iterdir() if p.is_dir() and any(p.glob("*.po")))
    return (SOURCE, *found)


def set_language(lang: str) -> None:
    global _language
    if lang not in languages() and lang != PSEUDO:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(languages())}")
    _language = lang


def language() -> str:
    return _language


@contextlib.contextmanager
def using(lang: str) -> Iterator[None]:
    """Speak `lang` inside a `with` block (tests, and a teacher's view of a student)."""
    before = _language
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


_CONFLICTS: dict[str, list[str]] = {}


@lru_cache(maxsize=None)
def catalog(lang: str) -> Catalog:
    """All of a language's .po files merged.  A message id translated
    differently in two files keeps the first (files in name order) and is
    listed by `conflicts(lang)`, which a test keeps empty; a student never
    sees an error for it."""
    merged = Catalog()
    found: list[str] = []
    for path in sorted((HERE / lang).glob("*.po")):
        try:
            part = read_po(path)
        except (CatalogError, OSError, UnicodeDecodeError) as exc:
            found.append(f"{path.name}: unreadable: {exc}")     # English for that part; the test reports it
            continue
        for msgid, msgstr in part.messages.items():
            if merged.messages.get(msgid, msgstr) != msgstr:
                found.append(f"{path.name}:{part.lines[msgid]}: {msgid[:50]!r} is translated differently elsewhere")
                continue
            merged.messages[msgid] = msgstr
            merged.lines.setdefault(msgid, part.lines[msgid])
        merged.headers.update(part.headers)
    _CONFLICTS[lang] = found
    return merged


def conflicts(lang: str) -> list[str]:
    """Problems found while merging `lang`'s catalogs (empty when all is well)."""
    catalog(lang)
    return list(_CONFLICTS.get(lang, []))


def language_name(lang: str) -> str:
    """A language's name in itself ("English", "中文"): its catalogs' Language-Name header."""
    if lang == SOURCE:
        return "English"
    return catalog(lang).headers.get("X-Language-Name", lang)


def placeholders(text: str) -> list[str]:
    """The named placeholders of a message, with their format specs: ["step", "lr:g"]."""
    found = []
    for _, name, spec, _ in string.Formatter().parse(text):
        if name is not None:
            found.append(f"{name}:{spec}" if spec else name)
    return sorted(found)


def N_(msgid: str) -> str:
    """Mark text for the catalogs without translating it yet (a class attribute
    such as a lab's title); show it later with `translated(text)`."""
    return msgid


def translated(marked: str, /, **values: object) -> str:
    """`t` for text marked with N_ elsewhere (the extractor finds it there)."""
    return t(marked, **values)


def t(msgid: str, /, **values: object) -> str:
    """`msgid` in the student's language, with `values` put into its placeholders."""
    lang = _language
    if lang == PSEUDO:
        return "⟦" + _format(msgid, msgid, values) + "⟧"
    text = msgid if lang == SOURCE else catalog(lang).messages.get(msgid, msgid)
    return _format(text, msgid, values)


def _format(text: str, msgid: str, values: dict) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        # A catalog with a broken placeholder must not crash a lesson: fall back to English.
        try:
            return msgid.format(**values)
        except (KeyError, IndexError, ValueError):
            return msgid
