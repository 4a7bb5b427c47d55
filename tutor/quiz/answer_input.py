"""The quiz's answer box: at most MAX_ANSWER characters, and a refused paste says why.

Textual's Input refuses a keystroke or a paste that would pass `max_length`
with only a bell; a student who pasted a page needs a sentence instead.
"""
from __future__ import annotations

from textual.widgets import Input

from tutor.progress import MAX_ANSWER
from tutor.quiz.session import too_long


class AnswerInput(Input):
    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=MAX_ANSWER, **kwargs)

    def restricted(self) -> None:
        super().restricted()
        self.notify(too_long(), severity="warning", markup=False)
