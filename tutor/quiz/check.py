"""A checked answer: right, wrong, or unreadable (explained; it does not use up a try).

The question kinds and the lab challenges both return a `Check`.
"""
from __future__ import annotations

from dataclasses import dataclass

RIGHT, WRONG, UNREADABLE = "right", "wrong", "unreadable"


@dataclass(frozen=True)
class Check:
    status: str            # RIGHT, WRONG or UNREADABLE
    message: str = ""      # why, in the student's language

    @property
    def counts(self) -> bool:
        """Does this answer use up a try?"""
        return self.status != UNREADABLE

    @property
    def correct(self) -> bool:
        return self.status == RIGHT
