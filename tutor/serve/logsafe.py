"""Client-supplied text (names, terminal types, errors) as it may appear in the server's log.

A newline would forge a log line and an escape sequence would reach the teacher's
terminal, so such text is escaped the way Python's repr() does: every control or
invisible character as \\n, \\x1b, \\u202e..., printable letters of any script kept.
"""
from __future__ import annotations


def escaped(value: object, limit: int = 200) -> str:
    """`value` with every non-printable character escaped, cut to `limit` characters."""
    text = str(value)
    out = "".join(c if c.isprintable() and c != "\\" else repr(c)[1:-1] for c in text[:limit])
    return out + ("..." if len(text) > limit else "")


def shown(value: object, limit: int = 80) -> str:
    """`value` quoted and escaped, for a field of a log line: student='alice'."""
    return "'" + escaped(value, limit).replace("'", "\\'") + "'"
