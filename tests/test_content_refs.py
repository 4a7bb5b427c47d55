"""Issue 18 item 6: a lesson names another by its id, `[[backpropagation]]`, and the app
shows the number it gives that lesson ("2.6 Backpropagation"), so adding a lesson
renumbers every reference.  `dltutor check` rejects an unknown id and a lesson named
by a number ("lesson 11", "第 11 课")."""
from __future__ import annotations

from pathlib import Path

import pytest

from tutor.content.check import check_files, lesson_files, reference_problems
from tutor.content.loader import default_root, load_lessons
from tutor.content.refs import PLAIN_RE, REF_RE, block_texts, numbering
from tutor.locale import using


def lesson(root: Path, lang: str, name: str, lesson_id: str, title: str, chapter: int, order: int, body: str) -> Path:
    path = root / lang / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nid: {lesson_id}\ntitle: {title}\nchapter: {chapter}\norder: {order}\n---\n{body}\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def root(tmp_path):
    lesson(tmp_path, "en", "01-a", "alpha", "Alpha", 1, 1, "# A\n\nThe chain rule comes in [[beta]].\n")
    lesson(tmp_path, "en", "02-b", "beta", "Backpropagation", 2, 2, "# B\n\nSee [[alpha]] first.\n")
    lesson(tmp_path, "zh", "01-a", "alpha", "甲", 1, 1, "# 甲\n\n链式法则在 [[beta]]里讲。\n")
    lesson(tmp_path, "zh", "02-b", "beta", "反向传播", 2, 2, "# 乙\n\n先读 [[alpha]]。\n")
    return tmp_path


def text_of(lessons, lesson_id: str) -> str:
    found = next(item for item in lessons if item.id == lesson_id)
    return "\n".join(block.text for block in found.blocks())


def test_a_reference_shows_the_app_s_number_and_title(root):
    lessons, problems = load_lessons("en", root)
    assert not problems
    assert "The chain rule comes in 2.1 Backpropagation." in text_of(lessons, "alpha")
    assert lessons[0].pages[0].refs == ("beta",)


def test_a_lesson_added_before_it_renumbers_the_reference(root):
    lesson(root, "en", "01b-new", "newcomer", "Newcomer", 2, 1, "# N\n\nNew.\n")
    lessons, _ = load_lessons("en", root)
    assert "The chain rule comes in 2.2 Backpropagation." in text_of(lessons, "alpha")


def test_a_reference_in_chinese_names_the_chinese_title(root):
    with using("zh"):
        lessons, _ = load_lessons("zh", root)
    assert "链式法则在 2.1《反向传播》里讲。" in text_of(lessons, "alpha")


def test_a_reference_in_a_quiz_is_shown_too(root):
    lesson(root, "en", "03-c", "gamma", "Gamma", 3, 1,
           "# C\n\n```quiz\n- id: q\n  kind: choice\n  ask: As in [[beta]]?\n  options: [yes, no]\n  answer: 0\n"
           "  hint: Reread [[alpha]].\n```\n")
    lessons, _ = load_lessons("en", root)
    question = next(iter(next(item for item in lessons if item.id == "gamma").blocks("quiz"))).questions[0]
    assert question["ask"] == "As in 2.1 Backpropagation?" and question["hint"] == "Reread 1.1 Alpha."


def test_check_reports_an_unknown_reference_at_its_line(root):
    path = lesson(root, "en", "03-c", "gamma", "Gamma", 3, 1, "# C\n\nFine.\n\nAs [[bta]] showed.\n")
    _, problems = check_files(lesson_files(root))
    assert [str(p) for p in problems] == [f"{path}:11: reference to unknown lesson 'bta'; did you mean 'beta'?"]


@pytest.mark.parametrize("lang,words", [("en", "as lesson 11 showed"), ("en", "Lesson 1.2 says"),
                                        ("zh", "见第 11 课"), ("zh", "第1.2课讲过")])
def test_check_flags_a_lesson_named_by_its_number(root, lang, words):
    path = lesson(root, lang, "02-b", "beta", "B", 2, 2, f"# B\n\nSee [[alpha]]; {words}.\n")
    _, problems = check_files(lesson_files(root))
    assert len(problems) == 1 and str(problems[0]).startswith(f"{path}:9: ")
    assert "names a lesson by a number" in problems[0].reason


def shipped():
    from tutor.content.loader import load_lesson

    return [load_lesson(path, lang) for path, lang in lesson_files(default_root())]


def test_no_shipped_lesson_names_another_by_its_number():
    found = [f"{item.path.name}:{line}: {m.group(0)}" for item in shipped() for block in item.blocks()
             for line, text in block_texts(block) for m in PLAIN_RE.finditer(text)]
    assert found == []


def test_every_shipped_reference_names_a_lesson():
    lessons = shipped()
    known = {item.id for item in lessons}
    assert [p for item in lessons for p in reference_problems(item, known)] == []
    assert sum(len(REF_RE.findall(block.text)) for item in lessons for block in item.blocks()) >= 38


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_app_shows_no_reference_unresolved(lang):
    lessons, _ = load_lessons(lang)
    numbers = numbering(lessons)
    shown = "\n".join(block.text for item in lessons for block in item.blocks() if block.kind != "code")   # code as written
    assert not REF_RE.search(shown)
    refs = [ref for item in lessons for page in item.pages for ref in page.refs]
    assert "backpropagation" in refs and all(ref in numbers for ref in refs)
