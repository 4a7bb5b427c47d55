"""```python blocks in lessons: how they are read, cached and checked (the running is test_lesson_code.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tutor.content import cache
from tutor.content.check import MAX_CODE_WIDTH, check_files
from tutor.content.loader import parse_lesson
from tutor.content.model import LessonError

HEAD = "---\nid: code\ntitle: Code\nchapter: 1\norder: 1\n---\n"


def lesson(body: str, lang: str = "en"):
    return parse_lesson(HEAD + body, Path(f"{lang}/code.md"), lang)


def write(root: Path, lang: str, body: str) -> Path:
    path = root / lang / "01-code.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_a_python_block_and_its_output():
    got = lesson("Text.\n\n```python\nx = 2\nprint(x * 3)\n```\n\n```output\n6\n```\nMore.\n")
    kinds = [b.kind for b in got.blocks()]
    assert kinds == ["markdown", "code", "markdown"]
    code = next(got.blocks("code"))
    assert (code.text, code.output, code.line) == ("x = 2\nprint(x * 3)", "6", 9)


def test_output_keeps_its_indentation_and_a_block_may_have_none():
    got = lesson("```python\nprint('  a')\n```\n```output\n  a\n```\n\n```python\npass\n```\n")
    first, second = got.blocks("code")
    assert first.output == "  a"
    assert second.output is None


def test_other_code_stays_markdown():
    got = lesson("```text\nnot run\n```\n")
    assert [b.kind for b in got.blocks()] == ["markdown"]


@pytest.mark.parametrize("body", [
    "```output\n6\n```\n",                                        # nothing before it
    "Text.\n```output\n6\n```\n",                                # prose before it
    "```python\nprint(6)\n```\nSaid.\n```output\n6\n```\n",     # prose between
    "```python\nprint(6)\n```\n```output\n6\n```\n```output\n6\n```\n",   # two outputs
])
def test_an_output_block_must_follow_a_python_block(body):
    with pytest.raises(LessonError, match="must follow"):
        lesson(body)


def test_an_empty_python_block_is_refused():
    with pytest.raises(LessonError, match="empty python block"):
        lesson("```python\n\n```\n")


def test_the_cache_keeps_code_and_output():
    got = lesson("```python\nprint(6)\n```\n```output\n6\n```\n\n```python\npass\n```\n")
    assert cache.decode(cache.encode([got], [])) == ([got], [])


def test_check_reports_a_block_without_output_and_a_wide_line(tmp_path):
    wide = "x = " + "1 + " * 20 + "1"
    assert len(wide) > MAX_CODE_WIDTH
    path = write(tmp_path, "en", "```python\nprint(6)\n```\n\n```python\n" + wide + "\n```\n```output\n\n```\n")
    ok, problems = check_files([(path, "en")])
    assert ok == 0
    assert [(p.line, p.reason.split(":")[0]) for p in problems] == [
        (7, "a python block without an output block"),
        (12, f"a code line wider than {MAX_CODE_WIDTH} columns"),
    ]


def test_check_compares_a_translation_s_outputs_with_its_twin(tmp_path):
    en = write(tmp_path, "en", "```python\nprint(6)  # six\n```\n```output\n6\n```\n")
    same = write(tmp_path, "zh", "```python\nprint(6)  # 六\n```\n```output\n6\n```\n")
    assert check_files([(en, "en"), (same, "zh")]) == (2, [])
    same.write_text(HEAD + "```python\nprint(7)\n```\n```output\n7\n```\n", encoding="utf-8")
    ok, problems = check_files([(en, "en"), (same, "zh")])
    assert ok == 1 and len(problems) == 1
    assert "code blocks differ from the en twin" in problems[0].reason


def test_shipped_lessons_pass_the_code_checks():
    from tutor.content.check import code_problems
    from tutor.content.loader import load_lessons

    root = Path(__file__).resolve().parent.parent / "lessons"
    for lang in ("en", "zh"):
        for item in load_lessons(lang, root)[0]:
            for block in item.blocks("code"):
                assert code_problems(block) == [], f"{item.path}:{block.line}"


def test_a_page_break_or_display_maths_inside_code_is_code():
    got = lesson("```python\nx = 1\n---\n$$ y $$\n```\n```output\n\n```\n")
    assert len(got.pages) == 1
    [code] = got.blocks("code")
    assert code.text == "x = 1\n---\n$$ y $$" and code.output == ""
