"""The quiz's answer box: at most MAX_ANSWER characters, and a refused paste says why.

Textual's Input refuses a keystroke or a paste that would pass `max_length`
with only a bell; a student who pasted a page needs a sentence instead.
"""
from __future__ import annotations

from textual.widgets import Input

from tutor.progress import MAX_ANSWER
from tutor.quiz.messages import say


class AnswerInput(Input):
    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=MAX_ANSWER, **kwargs)

    def restricted(self) -> None:
        super().restricted()
        lang = getattr(self.parent, "lang", None) or getattr(self.app, "lang", "en")
        self.notify(say("answer_too_long", lang, most=MAX_ANSWER), severity="warning", markup=False)
