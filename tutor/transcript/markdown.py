"""A transcript as Markdown (CommonMark with GitHub's tables).

Markdown passes HTML through, so everything is escaped: &, < and > as entities (a
typed `<script>` stays text in any renderer), and each mark that can start markup in a
line with a backslash (a typed `**` or `|` cannot make bold or break a table).  A student's
answer keeps its spaces (&nbsp; where Markdown would lose them) and a line break shows as ␤.
"""
from __future__ import annotations

import re

from tutor.transcript.document import Heading, Para, Table, Typed
from tutor.transcript.html import visible

# what can start markup inside a line (emphasis, code, links, images, tables, math, HTML's entities)
_PUNCTUATION = re.compile(r"([\\`*_\[\]()|~!#${}])")


def esc(text: str) -> str:
    text = visible(str(text)).replace("\t", " ").replace("\n", "\u2424")
    text = _PUNCTUATION.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def typed(text: str) -> str:
    """An answer as typed: escaped, and its spaces kept — a leading, trailing or doubled space as
    &nbsp; (Markdown trims a cell and folds runs of spaces)."""
    return re.sub(r"^ | $|(?<= ) | (?= )", "&nbsp;", esc(text)) or "&nbsp;"


def render(doc: list, title: str) -> str:
    out: list[str] = []
    for part in doc:
        if isinstance(part, Heading):
            out += ["#" * part.level + " " + esc(part.text), ""]
        elif isinstance(part, Para):
            out += [esc(part.text), ""]
        elif isinstance(part, Table):
            out.append("| " + " | ".join(esc(h) for h in part.header) + " |")
            out.append("|" + "---|" * len(part.header))
            for row in part.rows:
                out.append("| " + " | ".join(typed(c) if isinstance(c, Typed) else esc(c) for c in row) + " |")
            out.append("")
    return "\n".join(out)
