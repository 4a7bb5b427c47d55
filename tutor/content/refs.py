"""Cross-references between lessons: `[[backpropagation]]` in a lesson's text.

A lesson names another by its id, never by a number: the app numbers lessons
by their place (2.6 is the sixth lesson of chapter 2), and a lesson added later
moves the numbers.  `resolve(lessons)` turns each reference into the number and
title the app shows ("2.6 Backpropagation") once the whole list is known, and
keeps the ids on each page (`Page.refs`) so the lesson screen can open them.
No Textual here.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from tutor.locale import t, using

# [[lesson-id]]: the id as the front matter writes it.
REF_RE = re.compile(r"\[\[\s*((?=[a-z0-9_-]*[a-z])[a-z0-9][a-z0-9_-]*)\s*\]\]")   # a letter: [[1]] is a matrix
# A lesson named by a number instead ("lesson 11", "Lesson 1.2", and the Chinese "di 11 ke" written
# \u7b2c 11 \u8bfe, escaped: Chinese lives in the catalogs): `dltutor check` flags it.
PLAIN_RE = re.compile(r"\b[Ll]essons?\s+\d+(?:\.\d+)*\b|\u7b2c\s*\d+(?:\.\d+)*\s*\u8bfe")
# The text of a quiz question that is shown to the student.
QUESTION_TEXTS = ("ask", "hint", "explain", "options", "items")


def numbering(lessons) -> dict[str, str]:
    """"chapter.position" for each lesson id: 2.1 is the first lesson of chapter 2
    (the files' `order` may count across chapters)."""
    numbers: dict[str, str] = {}
    position: dict[int, int] = {}
    for lesson in lessons:
        position[lesson.chapter] = position.get(lesson.chapter, 0) + 1
        numbers[lesson.id] = f"{lesson.chapter}.{position[lesson.chapter]}"
    return numbers


def ids_in(text: str) -> list[str]:
    return [m.group(1) for m in REF_RE.finditer(text)]


def question_texts(question: dict) -> list[str]:
    """Every string of a quiz question a student reads."""
    found = []
    for key in QUESTION_TEXTS:
        value = question.get(key)
        values = value if isinstance(value, list) else [value]
        found += [v for v in values if isinstance(v, str)]
    return found


def block_texts(block) -> list[tuple[int, str]]:
    """(file line, text) of every piece of a block a student reads (for the checks)."""
    if block.kind == "quiz":
        return [(line, text) for question, line in zip(block.questions, block.question_lines)
                for text in question_texts(question)]
    if block.kind in ("lab", "code"):      # code is shown as written: `[[x]]` there is a matrix
        return []
    first = block.line + (0 if block.kind in ("markdown", "math") else 1)   # a fence's text starts below it
    return [(first + offset, line) for offset, line in enumerate(block.text.split("\n"))]


def _label(lesson_id: str, numbers: dict[str, str], titles: dict[str, str]) -> str:
    if lesson_id not in numbers:      # `dltutor check` reports it; the page shows the id
        return lesson_id
    return t("{number} {title}", number=numbers[lesson_id], title=titles[lesson_id])


def _swap(value: Any, shown) -> Any:
    if isinstance(value, str):
        return REF_RE.sub(shown, value)
    if isinstance(value, list):
        return [_swap(v, shown) for v in value]
    return value


def resolve(lessons: list) -> list:
    """The lessons with every [[id]] shown as the app numbers it, and each page's ids in `refs`."""
    numbers = numbering(lessons)
    titles = {lesson.id: lesson.title for lesson in lessons}
    out = []
    for lesson in lessons:
        if not any("[[" in text for block in lesson.blocks() for _, text in block_texts(block)):
            out.append(lesson)
            continue
        with using(lesson.lang):
            def shown(m: re.Match) -> str:
                return _label(m.group(1), numbers, titles)

            pages = []
            for page in lesson.pages:
                refs: list[str] = []
                blocks = []
                for block in page.blocks:
                    refs += [i for _, text in block_texts(block) for i in ids_in(text)]
                    if block.kind == "quiz":
                        questions = tuple({k: _swap(v, shown) if k in QUESTION_TEXTS else v for k, v in q.items()}
                                          for q in block.questions)
                        block = dataclasses.replace(block, questions=questions)
                    elif block.kind not in ("lab", "code"):
                        block = dataclasses.replace(block, text=REF_RE.sub(shown, block.text))
                    blocks.append(block)
                known = tuple(dict.fromkeys(i for i in refs if i in numbers))
                pages.append(dataclasses.replace(page, blocks=tuple(blocks), refs=known))
        out.append(dataclasses.replace(lesson, pages=tuple(pages)))
    return out
