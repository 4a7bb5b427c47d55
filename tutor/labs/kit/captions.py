"""A step's caption in the student's language.

Engine events carry an English label for a reader of the engine; for the
student the caption is `caption(event)`.  Events whose engine code names a
message (`event.message`, an English template, and `event.args`, its values)
are translated through the catalogs; others go through the phrase table of
kit/engine_zh.py until every engine event names its message.
"""
from __future__ import annotations

from engine.events import Event
from tutor.labs.kit.engine_zh import engine_text
from tutor.locale import language, t


def caption(event: Event) -> str:
    message = getattr(event, "message", "")
    if message:
        return t(message, **dict(getattr(event, "args", {}) or {}))
    return engine_text(event.label, language())
