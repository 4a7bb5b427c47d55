"""Issue 18 item 10: lessons write one notation.  2.6's quiz writes ∂E/∂outₕ₁ as its text does
(not out_h1); 5.2's worked pages (3 and 4) do not put W_f, W_C (no Unicode subscript f or C
exists) beside Wᵢ, Wₒ — in English and Chinese."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutor.content.loader import load_lesson
from tutor.labs.kit.text import formula_text

LESSONS = Path(__file__).resolve().parents[1] / "lessons"
RAW = re.compile(r"\b(out|net)_[ho]\d")

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_backpropagation_quiz_writes_subscripts_as_the_text(lang):
    lesson = load_lesson(LESSONS / lang / "11-backpropagation.md", lang)
    said = [str(q.get(key, "")) for page in lesson.pages for block in page.blocks if block.kind == "quiz"
            for q in block.questions for key in ("ask", "hint", "explain", "options")]
    assert not [s for s in said if RAW.search(s)]
    assert any("∂E/∂outₕ₁" in s for s in said)

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lstm_worked_pages_do_not_mix_ascii_and_unicode_subscripts(lang):
    lesson = load_lesson(LESSONS / lang / "21-lstm.md", lang)
    for page in lesson.pages[2:4]:
        text = "\n".join(block.text for block in page.blocks if block.kind != "quiz")
        inline = [formula_text(m) for m in re.findall(r"(?<!\$)\$([^$]+)\$(?!\$)", text)]
        assert not [f for f in inline if "_" in f], (page.title, inline)

PRIME = re.compile(r"\b[a-zσ]'+(\(|\s|$)")     # f'(3), f'' : an ASCII prime where the lessons write f′, f″

def _said(question) -> list[str]:
    parts = [question.get(key, "") for key in ("ask", "hint", "explain")] + list(question.get("options") or [])
    return [re.sub(r"\$[^$]*\$", "", str(p)) for p in parts]     # maths in $…$ is drawn with ′ already

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_quiz_feedback_writes_primes_as_the_lessons_do(lang):
    bad = []
    for path in sorted((LESSONS / lang).glob("*.md")):
        lesson = load_lesson(path, lang)
        for page in lesson.pages:
            for block in page.blocks:
                for q in block.questions if block.kind == "quiz" else ():
                    bad += [(path.name, s) for s in _said(q) if PRIME.search(s)]
    assert not bad

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_generated_hints_write_primes_as_the_lessons_do(lang):

    from tutor.locale import using
    from tutor.quiz.generators import GENERATORS

    with using(lang):
        for name, make in GENERATORS.items():
            inst = make(0)
            for text in (inst.ask, inst.hint, inst.solution):
                assert not PRIME.search(re.sub(r"\$[^$]*\$", "", text or "")), (name, text)
