"""The glossary: symbols and terms (η, ∇, ⊙, epoch, logit …) with what they mean and the
lesson that teaches each.  The entries are data, in glossary.yaml beside this file, in
every language the lessons have; a language an entry lacks shows it in English."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

FILE = Path(__file__).with_name("glossary.yaml")


@dataclass(frozen=True)
class Entry:
    symbol: str      # "" for a term with no symbol of its own
    term: str
    says: str
    lesson: str      # the id of the lesson that teaches it
    find: str        # text that lesson holds (checked by a test)

    def words(self) -> str:
        """What a search looks in."""
        return f"{self.symbol} {self.term} {self.says}".casefold()


@lru_cache(maxsize=None)
def raw() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(FILE.read_text(encoding="utf-8")))


def entries(lang: str) -> list[Entry]:
    out = []
    for item in raw():
        words = item.get(lang) or item["en"]
        find = item["find"]
        find = find.get(lang, find["en"]) if isinstance(find, dict) else find
        out.append(Entry(str(item.get("symbol") or ""), str(words["term"]), str(words["says"]),
                         str(item["lesson"]), str(find)))
    return out


def search(lang: str, query: str) -> list[Entry]:
    wanted = query.strip().casefold()
    return [entry for entry in entries(lang) if wanted and wanted in entry.words()]
