"""The lab header's settings: what is in force now, not only what was typed."""
from __future__ import annotations


def settings_text(lab, args=()) -> str:
    """`gd1d x0=4.5 lr=1`: the lab's name and the settings in force — those given when it was
    opened and any a key has changed since (the header must never show stale values)."""
    given = {token.partition("=")[0].strip() for token in args}
    parts = [lab.name]
    for param in getattr(lab, "params", ()):
        value = lab.values.get(param.name, param.default)
        if param.name in given or value != param.default:
            parts.append(f"{param.name}={_shown(value)}")
    return " ".join(parts)


def _shown(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return f"{value:g}" if isinstance(value, float) else str(value)
