"""What students read stays as recorded: every lab's --plain output, every
lesson's rendered text and every lesson's quiz in plain mode (en and zh)
against tests/golden/.

After an intended change, `python tools/golden.py --update` and read the diff.
"""
from __future__ import annotations

import importlib.util
import re
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


NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def same_up_to_rounding(got: str, want: str) -> bool:
    """The text is the same and each number agrees to 0.2 % or one unit of its last printed digit.
    A trained network's numbers differ in the last digits from one CPU to another (OpenBLAS picks
    its matrix kernels by CPU: AVX2 and AVX-512 add in different orders)."""
    if NUMBER.split(got) != NUMBER.split(want):
        return False
    for a, b in zip(NUMBER.findall(got), NUMBER.findall(want)):
        if a == b:
            continue
        if "." not in b and "e" not in b:       # counts and epochs are exact
            return False
        digits = len(b.split("e")[0].partition(".")[2])
        unit = 10.0 ** -digits * (10.0 ** int(b.split("e")[1]) if "e" in b else 1.0)
        if abs(float(a) - float(b)) > max(2e-3 * abs(float(b)), unit * 1.0001):
            return False
    return True


def expected(rel: str) -> str:
    path = golden.GOLDEN / rel
    assert path.exists(), f"no golden file {rel}: run python tools/golden.py --update"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang,name", LABS)
def test_lab_plain_output_unchanged(lang, name):
    got, want = golden.lab_plain(name, lang), expected(f"labs/{lang}/{name}.txt")
    assert got == want or same_up_to_rounding(got, want), got


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


def test_rounding_tolerance_is_narrow():
    assert same_up_to_rounding("loss 0.139386 at 10", "loss 0.139314 at 10")
    assert same_up_to_rounding("loss 0.0054", "loss 0.0053")                 # one unit of the last digit
    assert not same_up_to_rounding("loss 0.1039", "loss 0.1076")            # 3.5 %: not rounding
    assert not same_up_to_rounding("loss 0.0055", "loss 0.0053")
    assert not same_up_to_rounding("epoch 11", "epoch 10")
    assert not same_up_to_rounding("loss 0.1 at", "loss 0.1 in")
