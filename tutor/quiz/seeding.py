"""Stable seeds: the same student and question always get the same numbers.

Python's hash() changes between runs, so we hash with SHA-256 instead.
"""
from __future__ import annotations

import hashlib


def stable_seed(student: str, question_id: str, round: int = 0) -> int:
    """A 32-bit seed from the student, the question id and (on a retake) the round."""
    text = f"{student}\x00{question_id}\x00{round}"
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")
