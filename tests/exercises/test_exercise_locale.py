"""Every word of the exercises is a literal message with a Chinese translation; no Chinese in code."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutor import locale
from tutor.exercises import texts
from tutor.exercises.catalog import EXERCISES
from tutor.locale.extract import uses_in
from tutor.locale.po import read_po

ROOT = Path(__file__).resolve().parents[2]
CODE = sorted((ROOT / "tutor" / "exercises").rglob("*.py"))
USES = [use for path in CODE for use in uses_in(path)]
CATALOG = read_po(ROOT / "tutor" / "locale" / "zh" / "exercises.po").messages


def test_every_message_is_a_literal_in_the_exercises_catalog_with_the_same_placeholders():
    assert len(USES) > 100
    dynamic = [f"{use.path.name}:{use.line}" for use in USES if use.msgid is None]
    assert not dynamic
    missing = sorted({use.msgid for use in USES} - set(CATALOG))
    assert not missing
    for use in USES:
        assert locale.placeholders(use.msgid) == locale.placeholders(CATALOG[use.msgid]), use.msgid
        assert all(name.split(":")[0].isidentifier() for name in locale.placeholders(use.msgid)), use.msgid
    assert not set(CATALOG) - {use.msgid for use in USES}           # nothing left over


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_chinese_text_in_code_or_stubs(path):
    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", path.read_text(encoding="utf-8"))


def test_each_exercise_has_a_title_and_hint_in_english_and_chinese():
    for exercise in EXERCISES:
        english = texts.title(exercise.name), texts.hint(exercise.name)
        with locale.using("zh"):
            chinese = texts.title(exercise.name), texts.hint(exercise.name)
        assert all(chinese) and all(english)
        assert all(re.search(r"[\u4e00-\u9fff]", text) for text in chinese)
        assert chinese != english
