"""What students read stays as recorded: every lab's --plain output, every
lesson's rendered text and every lesson's quiz in plain mode (en and zh)
against tests/golden/.

After an intended change, `python tools/golden.py --update` and read the diff.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tutor.content.loader import load_lessons
from tutor.labs import lab_names

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("golden_tool", ROOT / "tools" / "golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

LABS = [(lang, name) for lang in golden.LANGS for name in lab_names()]
_LOADED = {lang: {lesson.id: lesson for lesson in load_lessons(lang)[0]} for lang in golden.LANGS}
LESSONS = [(lang, lesson_id) for lang in golden.LANGS for lesson_id in _LOADED[lang]]
QUIZZES = [(lang, lesson_id) for lang, lesson_id in LESSONS
           if any(True for _ in _LOADED[lang][lesson_id].blocks("quiz"))]


def expected(rel: str) -> str:
    path = golden.GOLDEN / rel
    assert path.exists(), f"no golden file {rel}: run python tools/golden.py --update"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang,name", LABS)
def test_lab_plain_output_unchanged(lang, name):
    assert golden.lab_plain(name, lang) == expected(f"labs/{lang}/{name}.txt")


@pytest.mark.parametrize("lang,lesson_id", LESSONS)
def test_lesson_text_unchanged(lang, lesson_id):
    assert golden.lesson_text(_LOADED[lang][lesson_id]) == expected(f"lessons/{lang}/{lesson_id}.txt")


@pytest.mark.parametrize("lang,lesson_id", QUIZZES)
def test_quiz_text_unchanged(lang, lesson_id):
    assert golden.quiz_text(_LOADED[lang][lesson_id]) == expected(f"quiz/{lang}/{lesson_id}.txt")


def test_every_golden_file_is_still_produced():
    produced = {f"labs/{lang}/{name}.txt" for lang, name in LABS}
    produced |= {f"lessons/{lang}/{lesson_id}.txt" for lang, lesson_id in LESSONS}
    produced |= {f"quiz/{lang}/{lesson_id}.txt" for lang, lesson_id in QUIZZES}
    recorded = {str(p.relative_to(golden.GOLDEN)) for p in golden.GOLDEN.glob("*/*/*.txt")}
    assert recorded == produced
