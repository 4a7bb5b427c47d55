"""The shipped lessons: every file parses, and `dltutor check` finds nothing wrong.

These run over whatever is in lessons/<lang>/, so a teacher's new lesson is
checked the moment it is dropped in.
"""
from __future__ import annotations

import pytest

import lessons
from tutor.content import load_lesson, load_lessons
from tutor.content.check import Checker, check_files, lesson_files

FILES = lesson_files(lessons.ROOT)
# The lab names fixed in docs/ARCHITECTURE.md; labs land one by one, so a lesson
# may name one of these before it exists — any other unknown name is an error.
PROMISED_LABS = set(("derivative gradient2d gd1d regression neuron activations losses backprop perceptron-xor "
                     "playground vanishing learning-rate sgd optimizers mlp overfitting conv cnn rnn lstm digits "
                     "iris fit").split())


@pytest.mark.parametrize("path, lang", FILES, ids=[f"{lang}/{p.name}" for p, lang in FILES])
def test_lesson_parses(path, lang):
    lesson = load_lesson(path, lang)
    assert lesson.pages and lesson.title


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_broken_lessons_are_skipped(lang):
    found, problems = load_lessons(lang)
    assert [str(p) for p in problems] == []
    ids = [l.id for l in found]
    assert len(ids) == len(set(ids))
    assert [(l.chapter, l.order) for l in found] == sorted((l.chapter, l.order) for l in found)


def test_check_finds_nothing_wrong():
    if not FILES:
        pytest.skip("no lessons yet")
    checker = Checker()
    problems = [str(p) for p in check_files(FILES, checker)[1]]
    not_yet = tuple(f"unknown lab {name!r}" for name in PROMISED_LABS)
    assert [p for p in problems if not p.split(": ", 1)[1].startswith(not_yet)] == []
