"""A lab's title in the student's language (no Textual here: `dltutor lab` lists them too)."""
from __future__ import annotations

from tutor.locale import language, translated


def lab_title(lab) -> str:
    """`lab.title` is an N_-marked message id (issue 16).  A lab not converted yet still
    carries `title_<lang>`: read while any does, then delete that line."""
    legacy = getattr(lab, f"title_{language()}", "")
    return legacy or translated(lab.title)
