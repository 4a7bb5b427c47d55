"""Collect every distinct formula ($$…$$ and $…$) from the seed documents.

Used to build the mathtext golden file (tests/golden/mathtext_seeds.txt):

    python tools/collect_formulas.py [SEEDS_DIR] > formulas.txt

Prints one JSON string per line: {"kind": "block"|"inline", "latex": ...}.
Fenced code blocks are skipped (a `$` in code is not math).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DEFAULT_SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

_BLOCK = re.compile(r"\$\$(.+?)\$\$", re.S)
# inline math may run on over one line break (not a blank line, not into a table row)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)((?:[^$\n]|\n(?![ \t]*[\n|]))+?)(?<!\\)\$(?!\$)")
_HTML = re.compile(r"(?m)^[ \t]*<.*$")


def strip_fences(text: str) -> str:
    """Blank out fenced code blocks (``` or ~~~, indented or quoted too), line by line."""
    out, fence = [], None
    for line in text.split("\n"):
        bare = line.lstrip(" \t>")
        marker = bare[:3]
        if marker in ("```", "~~~") and (fence is None or (marker == fence and not bare[3:].strip("`~ \t"))):
            fence = marker if fence is None else None
            out.append("")
        else:
            out.append("" if fence else line)
    return "\n".join(out)


def _unquote(latex: str) -> str:
    """Display math inside a Markdown quote carries the quote's '>' on each line."""
    if latex.lstrip().startswith(">") or re.search(r"\n\s*>", latex):
        return re.sub(r"(?m)^\s*>[ \t]?", "", latex)
    return latex


def formulas(text: str) -> list[tuple[str, str]]:
    """(kind, latex) pairs in document order, fenced code removed."""
    text = _HTML.sub("", strip_fences(text))  # HTML lines ($slidev…) are not maths
    found: list[tuple[int, str, str]] = []
    for m in _BLOCK.finditer(text):
        found.append((m.start(), "block", _unquote(m.group(1)).strip()))
    rest = _BLOCK.sub(lambda m: " " * len(m.group(0)), text)
    for m in _INLINE.finditer(rest):
        found.append((m.start(), "inline", m.group(1).strip()))
    found.sort()
    return [(kind, latex) for _, kind, latex in found if latex]


def collect(seeds: Path) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    for path in sorted(seeds.glob("*.txt")) + sorted(seeds.glob("*.md")):
        for item in formulas(path.read_text(encoding="utf-8")):
            if item not in seen:
                seen.add(item)
                out.append(item)
    return out


def main(argv: list[str]) -> int:
    seeds = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEEDS
    for kind, latex in collect(seeds):
        print(json.dumps({"kind": kind, "latex": latex}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
