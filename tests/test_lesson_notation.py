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
