"""A transcript as one self-contained HTML page: styles inline, no script, nothing fetched.

Everything is escaped — a student's name and answers above all (`<script>` typed as an
answer shows as those characters).  Control characters a terminal let through are shown
as their Unicode pictures (ESC as ␛), never passed on.
"""
from __future__ import annotations

import html

from tutor.locale import language
from tutor.transcript.document import Heading, Para, Table, Typed

STYLE = """
body { font-family: system-ui, "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 2em auto; max-width: 60em;
       padding: 0 1em; color: #111; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; } h3 { margin-bottom: .3em; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.typed { font-family: ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre-wrap; word-break: break-all; }
@media print { body { margin: 0; } }
"""


def visible(text: str) -> str:
    """Control characters (but tab and newline) as their pictures: U+2400 + code, DEL as ␡."""
    return "".join(chr(0x2400 + ord(c)) if ord(c) < 32 and c not in "\t\n" else "\u2421" if c == "\x7f" else c
                   for c in text)


def esc(text: str) -> str:
    return html.escape(visible(str(text)), quote=True)


def render(doc: list, title: str) -> str:
    lang = "zh-CN" if language() == "zh" else esc(language())
    out = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           # nothing on this page may load or run anything, whatever a student typed
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
           f"<title>{esc(title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>"]
    for part in doc:
        if isinstance(part, Heading):
            out.append(f"<h{part.level}>{esc(part.text)}</h{part.level}>")
        elif isinstance(part, Para):
            out.append(f"<p>{esc(part.text)}</p>")
        elif isinstance(part, Table):
            out.append("<table>")
            out.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in part.header) + "</tr>")
            for row in part.rows:
                out.append("<tr>" + "".join(f'<td class="typed">{esc(c)}</td>' if isinstance(c, Typed)
                                            else f"<td>{esc(c)}</td>" for c in row) + "</tr>")
            out.append("</table>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
