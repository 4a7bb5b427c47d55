"""Transitional (issue 16): engine text that was already put into English, read back.

Engine events now carry their caption as a message and values, and kit/captions.py
translates those (`caption(event)`, `message(text, args)`, `stop_text(history)`).
Labs that still pass a finished English label or History.message to
`engine_text` get it translated here by matching it against the engine's own
message templates: no phrase table, no Chinese — the words come from the
catalogs.  Delete this module once no lab calls engine_text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from tutor.locale import SOURCE, catalog

_FIELD = re.compile(r"\{(\w+)(?::[^{}]*)?\}")


@lru_cache(maxsize=1)
def _templates() -> tuple[tuple[str, re.Pattern], ...]:
    """Every N_ template of the engine as a pattern; the most literal text first."""
    import engine
    from tutor.locale.extract import uses_in

    found = {use.msgid for path in sorted(Path(engine.__file__).parent.glob("*.py"))
             for use in uses_in(path) if use.msgid}
    patterns = []
    for template in sorted(found, key=lambda m: -len(_FIELD.sub("", m))):
        regex, seen, at = "", set(), 0
        for field in _FIELD.finditer(template):
            name = field.group(1)
            regex += re.escape(template[at:field.start()]) + (f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
            at = field.end()
        # a template ending in a space ("stopped after epoch {epoch}: ") heads a sentence another one ends
        rest = "(?P<_rest>.+)" if template.endswith(" ") else ""
        patterns.append((template, re.compile(regex + re.escape(template[at:]) + rest, re.S)))
    return tuple(patterns)


def engine_text(text: str, lang: str) -> str:
    """`text` (an engine label or message, in English) in `lang`; unknown text comes back unchanged."""
    if lang == SOURCE or not text:
        return text
    messages = catalog(lang).messages
    for template, pattern in _templates():
        match = pattern.fullmatch(text)
        if match is None or template not in messages:
            continue
        said = _FIELD.sub(lambda f: match.group(f.group(1)), messages[template])
        rest = match.groupdict().get("_rest")
        return said + engine_text(rest, lang) if rest else said
    return text
