"""An exercise names its lesson by id ([[backpropagation]]), never by number: the number
and title a student reads come from the current table of contents, in their language."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from exercise_helpers import WRONG

from tutor.content import load_lessons
from tutor.content.refs import PLAIN_RE, REF_RE, numbering
from tutor.exercises.catalog import EXERCISES, find
from tutor.exercises.check import check_files
from tutor.exercises.files import init_folder, is_stub, stub_path, stub_text
from tutor.exercises.refs import show
from tutor.locale import using

ROOT = Path(__file__).resolve().parents[2]
# what an exercise says to a student, in English and Chinese, and what describes the exercises
TEXTS = [*sorted((ROOT / "tutor" / "exercises").rglob("*.py")), ROOT / "tutor" / "locale" / "zh" / "exercises.po",
         ROOT / "tutor" / "locale" / "zh" / "exercises-app.po", ROOT / "docs" / "exercises.md"]


@pytest.fixture(scope="module")
def en():
    return load_lessons("en")[0]


@pytest.fixture(scope="module")
def zh():
    return load_lessons("zh")[0]


def _numbered(lessons) -> re.Pattern:
    """A lesson number, or a number followed by a lesson's title ("2.6 Backpropagation", "2.6《反向传播》")."""
    titles = "|".join(re.escape(lesson.title) for lesson in lessons)
    return re.compile(rf"{PLAIN_RE.pattern}|\b\d+\.\d+\s*[(《]?\s*(?:{titles})")


def test_no_exercise_text_names_a_lesson_by_its_number(en, zh):
    numbered = _numbered(en + zh)
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}" for path in TEXTS
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if numbered.search(line)]
    assert not found, "name the lesson as [[its-id]]: numbers move when a lesson is added\n" + "\n".join(found)


def test_the_check_finds_a_lesson_number_in_any_form(en, zh):
    numbered = _numbered(en + zh)
    for text in ("— lesson 2.6 (Backpropagation)", "lessons 2.3 and 2.6", "第 2.6 课的例子", "| 2.6 Backpropagation |",
                 "2.6《反向传播》一课的例子"):
        assert numbered.search(text), text
    for text in ("lr = 0.5 give", "θ = 0.9.", "— lesson [[backpropagation]]", "w = 1.99, b = 0.05."):
        assert not numbered.search(text), text


def test_every_lesson_an_exercise_names_exists_in_english_and_chinese(en, zh):
    named = {exercise.lesson for exercise in EXERCISES}
    named |= {m.group(1) for path in TEXTS for m in REF_RE.finditer(path.read_text(encoding="utf-8"))}
    chinese = {lesson.id for lesson in zh if not lesson.fallback}
    assert not sorted(named - {lesson.id for lesson in en}), "no such lesson in lessons/en"
    assert not sorted(named - chinese), "no such lesson in lessons/zh"
    for exercise in EXERCISES:          # each stub names its own lesson on its first line
        assert f"— lesson [[{exercise.lesson}]]" in stub_path(exercise).read_text(encoding="utf-8").splitlines()[0]


def _heading(exercise, lessons) -> str:
    return stub_text(exercise, lessons).splitlines()[0]


def test_autodiff_belongs_to_computational_graphs_in_both_languages(tmp_path, en, zh):
    autodiff = find("09")
    assert autodiff.lesson == "computational-graphs"
    with using("zh"):
        init_folder(tmp_path)
    first = (tmp_path / autodiff.filename).read_text(encoding="utf-8").splitlines()[0]
    graphs = next(lesson for lesson in zh if lesson.id == "computational-graphs")
    assert first.endswith(f"— lesson {numbering(zh)[graphs.id]}《{graphs.title}》"), first
    english = next(lesson for lesson in en if lesson.id == "computational-graphs")
    assert _heading(autodiff, en).endswith(f"— lesson {numbering(en)[english.id]} {english.title}")


def test_a_lesson_added_before_moves_the_numbers_and_an_untouched_file_stays_a_stub(tmp_path, en):
    backprop = find("08")
    index = next(i for i, lesson in enumerate(en) if lesson.id == "backpropagation")
    added = [*en[:index], dataclasses.replace(en[index - 1], id="a-new-lesson"), *en[index:]]
    before, after = numbering(en)["backpropagation"], numbering(added)["backpropagation"]
    assert before != after
    assert _heading(backprop, en).endswith(f"lesson {before} Backpropagation")
    assert _heading(backprop, added).endswith(f"lesson {after} Backpropagation")
    assert show("the example of lesson [[backpropagation]]", added) == f"the example of lesson {after} Backpropagation"
    init_folder(tmp_path, added)
    assert is_stub(backprop, tmp_path / backprop.filename)              # written with the other number
    old = _heading(backprop, en).replace(f"{before} Backpropagation", f"{before} (Backpropagation)")
    (tmp_path / backprop.filename).write_text(old + "\n" + stub_text(backprop, en).split("\n", 1)[1])
    assert is_stub(backprop, tmp_path / backprop.filename)              # written before lessons had ids here
    written = stub_text(backprop, en).replace("raise NotImplementedError", "return 0", 1)
    (tmp_path / backprop.filename).write_text(written)
    assert not is_stub(backprop, tmp_path / backprop.filename)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_check_names_the_lesson_as_the_app_numbers_it(lang, process, en, zh):
    backprop = find("08")
    lessons = en if lang == "en" else zh
    with using(lang):
        (verdict,) = check_files([(backprop, WRONG / "08_backprop__no_half.py")], process)
        label = show("[[backpropagation]]", lessons)
    assert verdict.status == "failing"
    assert numbering(lessons)["backpropagation"] in label and "[[" not in verdict.lines[0]
    assert label in verdict.lines[0], verdict.lines
