"""The glossary's data: every entry in every language, and taught where it says."""
from __future__ import annotations

import pytest

from tutor.content.loader import load_lessons
from tutor.content.search import page_text
from tutor.glossary import entries, raw, search

LANGS = ["en", "zh"]
ASKED_FOR = ["η", "∇", "⊙", "σ", "δ"]          # issue 18: these symbols, and these terms
TERMS = {"en": ["epoch", "logit"], "zh": ["轮（epoch）", "logit（未归一化分数）"]}


def test_every_entry_is_in_every_language():
    for item in raw():
        for lang in LANGS:
            assert item.get(lang, {}).get("term") and item[lang].get("says"), (item, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_each_entry_is_taught_where_it_says(lang):
    lessons = {lesson.id: lesson for lesson in load_lessons(lang)[0]}
    wrong = []
    for entry in entries(lang):
        lesson = lessons.get(entry.lesson)
        text = "" if lesson is None else raw_text(lesson)
        if entry.find not in text:
            wrong.append(f"{entry.term}: {entry.find!r} not in {entry.lesson}")
    assert not wrong, wrong


def raw_text(lesson) -> str:
    """Markdown and maths as written (page_text drops _ and *), plus the search's form."""
    return "\n".join(block.text for page in lesson.pages for block in page.blocks) + \
        "\n".join(page_text(page) for page in lesson.pages)


@pytest.mark.parametrize("lang", LANGS)
def test_the_asked_for_symbols_and_terms_are_there(lang):
    symbols = {entry.symbol for entry in entries(lang)}
    assert set(ASKED_FOR) <= symbols
    terms = {entry.term for entry in entries(lang)}
    assert set(TERMS[lang]) <= terms


def test_search_finds_symbol_term_and_words():
    assert [e.term for e in search("en", "η")] == ["learning rate"]
    assert "学习率" in [e.term for e in search("zh", "学习率")]
    assert search("en", "qqzzx") == [] and search("en", " ") == []
