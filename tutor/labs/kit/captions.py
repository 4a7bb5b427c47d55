"""The engine's words in the student's language.

The engine writes English for a reader of the engine, and says each caption as
a message (an English template, `event.message`) with its values
(`event.args`); a training History says why it stopped as a reason and its
numbers.  These functions put them through the catalogs
(tutor/locale/<lang>/engine.po), so a translation shows the same numbers:

    caption(event)          a step's caption: "Iteration 3", and in Chinese the same with its 3
    message(text, args)     any engine message: a descent's values["reason"], backprop_example.BIASES_NOTE
    stop_text(history)      why a training run stopped (what History.message says in English)
    stop_reason(history)    the same without its "stopped after epoch e: " / "diverged at step k (...): "
"""
from __future__ import annotations

from typing import Any, Mapping

from engine.events import Event
from engine.training import STOP_TEXT, narration
from tutor.locale import translated


def message(text: str, args: Mapping[str, Any] | None = None) -> str:
    """An engine message (marked N_ in the engine) with its values, in the student's language."""
    return translated(text, **dict(args or {}))


def caption(event: Event) -> str:
    """A step's caption.  A label that code rewrote after the engine said it (a
    lab adding its own words) no longer is the message: it is shown as it is."""
    if event.message and event.label == _english(event):
        return message(event.message, event.args)
    return event.label


def _english(event: Event) -> str | None:
    try:
        return event.message.format(**event.args)
    except (KeyError, IndexError, ValueError):      # an event built by hand with a broken message
        return None


def stop_text(history) -> str:
    """Why an engine.training run stopped, in the student's language ("" while it runs)."""
    if not history.stop_reason:
        return ""
    return "".join(message(part, history.stop_values) for part in narration(history.stop_reason))


def stop_reason(history) -> str:
    """stop_text without saying when: "loss change 0.0001 < 0.001", "the loss blew up (...)"."""
    if not history.stop_reason:
        return ""
    return message(STOP_TEXT[history.stop_reason], history.stop_values)
