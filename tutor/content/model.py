"""What a lesson is once it has been read: plain frozen data.

The loader builds these; the app, the quizzes and `dltutor check` read them.
Nothing here touches the disk or Textual.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BLOCK_KINDS = ("markdown", "math", "analogy", "lab", "quiz", "demo", "code")
# Fenced blocks whose info string makes them live widgets instead of code.
SPECIAL_FENCES = ("analogy", "lab", "quiz", "demo")
# Code the tests run (tests/test_lesson_code.py), and the fence of what it prints.
CODE_FENCE = "python"
OUTPUT_FENCE = "output"


@dataclass(frozen=True)
class Block:
    kind: str        # one of BLOCK_KINDS
    text: str        # source text, fact markers {{2.0025|key}} already shown as 2.0025
    line: int        # 1-based line in the file where the block starts
    lab: str = ""              # kind "lab": the lab name
    lab_args: tuple = ()       # kind "lab": ("x0=4", "lr=0.5")
    questions: tuple = ()      # kind "quiz": tuple of dicts (parsed YAML)
    question_lines: tuple = ()  # kind "quiz": the file line of each question
    output: str | None = None  # kind "code": the ```output block after it (None: none written)


@dataclass(frozen=True)
class Page:
    blocks: tuple[Block, ...]
    line: int
    title: str       # the page's first "# heading" text, or ""
    refs: tuple[str, ...] = ()   # ids of the lessons the page refers to ([[id]], tutor/content/refs.py)


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    chapter: int
    order: int
    lang: str
    path: Path
    pages: tuple[Page, ...]
    requires: tuple[str, ...] = ()
    chapter_title: str = ""
    # (key, written number, line) for every {{number|key}} marker
    facts: tuple[tuple[str, str, int], ...] = ()
    # True when a zh list shows this en lesson because its zh twin is missing
    fallback: bool = False

    def blocks(self, kind: str | None = None):
        """Every block of the lesson in order (optionally only one kind)."""
        for page in self.pages:
            for block in page.blocks:
                if kind is None or block.kind == kind:
                    yield block


class LessonError(Exception):
    """A lesson file that cannot be used: where, and why, in one line."""

    def __init__(self, file: Path | str, line: int, reason: str) -> None:
        self.file = file
        self.line = line
        self.reason = reason
        super().__init__(f"{file}:{line}: {reason}")

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class UnknownLesson(LookupError):
    """`find_lesson` found nothing (the message names the closest ids)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown lesson"
