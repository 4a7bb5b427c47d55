"""Find every message the code asks `t` for — the list a catalog must cover.

    python -m tutor.locale.extract            # a .pot template on stdout, for translators

A message is the first argument of a call to `t(...)` (or `something.t(...)`)
or `N_(...)` (text marked now, translated later with `translated`); it must be
a plain string literal, so it can be found here and translated.
`xgettext -L Python --keyword=t --keyword=N_` finds the same messages.
"""
from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOTS = ("tutor", "engine")


@dataclass(frozen=True)
class Use:
    msgid: str | None     # None when the first argument is not a string literal
    path: Path
    line: int


MARKERS = ("t", "N_")


def _is_t(func: ast.expr) -> bool:
    return ((isinstance(func, ast.Name) and func.id in MARKERS)
            or (isinstance(func, ast.Attribute) and func.attr in MARKERS))


def uses_in(path: Path) -> list[Use]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_t(node.func) and node.args:
            first = node.args[0]
            literal = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
            found.append(Use(literal, path, node.lineno))
    return found


def python_files(base: Path) -> list[Path]:
    return sorted(p for root in ROOTS for p in (base / root).rglob("*.py")
                  if "locale" not in p.relative_to(base).parts[:2])


def all_uses(base: Path) -> list[Use]:
    return [use for path in python_files(base) for use in uses_in(path)]


def pot(uses: list[Use], base: Path) -> str:
    seen: dict[str, list[str]] = {}
    for use in uses:
        if use.msgid is not None:
            seen.setdefault(use.msgid, []).append(f"{use.path.relative_to(base)}:{use.line}")
    out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for msgid, places in seen.items():
        out.append("#: " + " ".join(places))
        if "{" in msgid:
            out.append("#, python-brace-format")
        out += [f"msgid {_quote(msgid)}", 'msgstr ""', ""]
    return "\n".join(out)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


if __name__ == "__main__":
    base = Path(__file__).resolve().parents[2]
    sys.stdout.write(pot(all_uses(base), base))
