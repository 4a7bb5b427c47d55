"""The lab header's settings: what is in force now, not only what was typed."""
from __future__ import annotations

import math


def settings_text(lab, args=()) -> str:
    """`gd1d x0=4.5 lr=1`: the lab's name and the settings in force — those given when it was
    opened and any a key has changed since (the header must never show stale values)."""
    given = {token.partition("=")[0].strip() for token in args}
    parts = [lab.name]
    for param in getattr(lab, "params", ()):
        value = lab.values.get(param.name, param.default)
        if param.name in given or not _same(value, param.default):
            parts.append(f"{param.name}={_shown(value)}")
    return " ".join(parts)


def _same(value, default) -> bool:
    """Equal, or both nan: a nan default means "the preset's value" and is never shown."""
    both_nan = isinstance(value, float) and isinstance(default, float) and math.isnan(value) and math.isnan(default)
    return both_nan or value == default


def _shown(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return f"{value:g}" if isinstance(value, float) else str(value)
