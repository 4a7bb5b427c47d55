"""The lesson loader: pages, blocks, checked numbers, errors with file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from tutor.content import Lesson, LessonError, UnknownLesson, find_lesson, load_lesson, load_lessons
from tutor.content.loader import parse_lesson

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "lessons"
BROKEN = FIXTURES / "broken"

FRONT = "---\nid: t\ntitle: T\nchapter: 1\norder: 1\n---\n"


def parse(body: str, front: str = FRONT) -> Lesson:
    return parse_lesson(front + body, Path("x.md"), "en")


def test_front_matter_fields():
    lesson = load_lesson(GOOD / "en" / "01-tangent.md")
    assert (lesson.id, lesson.title, lesson.chapter, lesson.order) == ("tangent", "The tangent line", 1, 2)
    assert lesson.lang == "en" and lesson.requires == ("slopes",) and lesson.chapter_title == "Derivatives"
    assert load_lesson(GOOD / "zh" / "01-tangent.md").lang == "zh"


def test_pages_blocks_and_titles():
    lesson = load_lesson(GOOD / "en" / "01-tangent.md")
    assert [p.title for p in lesson.pages] == ["Near a point, a curve is a line", "Try it", ""]
    first = lesson.pages[0]
    assert [b.kind for b in first.blocks] == ["markdown", "math", "analogy", "markdown"]
    assert first.blocks[1].text == r"f(x) \approx f(a) + f'(a)(x - a)" and first.blocks[1].line == 13
    assert first.blocks[2].text == "A road looks flat when you stand on it." and first.blocks[2].line == 17
    # `---` and `$$` inside an ordinary code fence are code, not a page break or math
    assert "---\n$$ not math $$" in first.blocks[3].text
    second = lesson.pages[1]
    assert [b.kind for b in second.blocks] == ["markdown", "math", "markdown", "lab"]
    assert second.blocks[1].text == r"\sqrt{4.01} \approx 2.0025"
    assert second.blocks[2].text == "and after"
    lab = second.blocks[3]
    assert (lab.lab, lab.lab_args, lab.text, lab.line) == ("gd1d", ("x0=4", "lr=0.5"), "gd1d x0=4 lr=0.5", 31)


def test_inline_math_stays_in_markdown():
    lesson = parse("Text with $f'(x)$ and $x^2$.\n")
    assert [b.kind for b in lesson.pages[0].blocks] == ["markdown"]
    assert "$f'(x)$" in lesson.pages[0].blocks[0].text


def test_quiz_questions_and_lines():
    quiz = load_lesson(GOOD / "en" / "01-tangent.md").pages[2].blocks[0]
    assert quiz.kind == "quiz" and quiz.line == 35
    assert [q["id"] for q in quiz.questions] == ["tan-choice", "tan-number"]
    assert quiz.question_lines == (36, 41)
    assert quiz.questions[0]["answer"] == 0
    assert quiz.questions[1]["answer"] == pytest.approx(2.0025)  # the marker became the number


def test_fact_markers_replaced_and_recorded():
    lesson = load_lesson(GOOD / "en" / "01-tangent.md")
    assert lesson.facts == (("fx_sqrt401", "2.0025", 11), ("fx_sqrt401", "2.0025", 29), ("fx_sqrt401", "2.0025", 44))
    text = "\n".join(b.text for b in lesson.blocks())
    assert "{{" not in text and "about 2.0025," in text


def test_fact_keys_may_have_dots_and_signs():
    lesson = parse("x = {{-0.4735|gd.x2_05}} and {{12|count}}\n")
    assert lesson.facts == (("gd.x2_05", "-0.4735", 7), ("count", "12", 7))
    assert lesson.pages[0].blocks[0].text == "x = -0.4735 and 12"


def test_math_spanning_lines_and_pages_not_split_inside_math():
    lesson = parse("$$\na\n---\nb\n$$\n---\nnext\n")
    assert len(lesson.pages) == 2
    assert lesson.pages[0].blocks[0].text == "a\n---\nb"


def test_inline_triple_backticks_are_not_a_fence():
    lesson = parse("Write ```x``` inline.\n---\ntwo\n")
    assert [p.blocks[0].text for p in lesson.pages] == ["Write ```x``` inline.", "two"]


def test_empty_pages_are_dropped():
    lesson = parse("one\n---\n\n---\ntwo\n---\n")
    assert [p.blocks[0].text for p in lesson.pages] == ["one", "two"]
    assert [p.line for p in lesson.pages] == [7, 11]


def test_crlf_and_bom(tmp_path):
    path = tmp_path / "en" / "a.md"
    path.parent.mkdir()
    path.write_bytes(("\ufeff" + FRONT + "one\n---\ntwo\n").replace("\n", "\r\n").encode())
    lesson = load_lesson(path)
    assert lesson.id == "t" and len(lesson.pages) == 2 and lesson.pages[1].line == 9


@pytest.mark.parametrize("name, line, reason", [
    ("bad-yaml.md", 3, "bad YAML in front matter: expected ',' or ']', but got ':'"),
    ("missing-order.md", 1, "front matter is missing 'order'"),
    ("bad-chapter.md", 4, "chapter must be a whole number ≥ 0 (got 'one')"),
    ("unknown-field.md", 6, "unknown front-matter field 'titel'; did you mean 'title'?"),
    ("unclosed-fence.md", 9, "unclosed ``` fence (opened here)"),
    ("unclosed-math.md", 8, "unclosed $$ display math (opened here)"),
    ("bad-quiz-kind.md", 10, "quiz 'q1': unknown kind 'choise'; did you mean 'choice'?"),
])
def test_broken_files_name_line_and_reason(name, line, reason):
    path = BROKEN / "en" / name
    with pytest.raises(LessonError) as info:
        load_lesson(path)
    assert (info.value.file, info.value.line, info.value.reason) == (path, line, reason)
    assert str(info.value) == f"{path}:{line}: {reason}"


@pytest.mark.parametrize("text, line, fragment", [
    ("no front matter\n", 1, "starts with a line '---'"),
    ("---\nid: a\n", 1, "not closed"),
    ("---\n- a\n- b\n---\nx\n", 2, "key: value"),
    (FRONT, 7, "no content"),
    (FRONT + "```lab\n```\n", 7, "empty lab block"),
    (FRONT + "```lab\ngd1d\nmore\n```\n", 7, "one line"),
    (FRONT + "```lab\ngd1d x0\n```\n", 7, "expected key=value"),
    (FRONT + "```quiz\n- id: a\n  kind: choice\n  ask: [x\n```\n", 10, "bad YAML in quiz"),
    (FRONT + "```quiz\nid: a\n```\n", 7, "YAML list"),
    (FRONT + "```quiz\n- kind: choice\n  ask: q\n```\n", 8, "without an id"),
    (FRONT + "```quiz\n- id: a\n  kind: choice\n```\n", 8, "'ask'"),
    (FRONT + "```quiz\n- id: a\n  kind: order\n  ask: q\n- id: a\n  kind: order\n  ask: q\n```\n", 11, "used twice"),
    (FRONT + "bad {{2.0|}} marker\n", 7, "malformed checked number"),
    (FRONT + "$$ $$\n", 7, "empty $$"),
    ("---\nid: Bad Id\ntitle: T\nchapter: 1\norder: 1\n---\nx\n", 2, "id must be"),
    ("---\nid: a\ntitle: 3\nchapter: 1\norder: 1\n---\nx\n", 3, "title must be text"),
    ("---\nid: a\ntitle: T\nchapter: true\norder: 1\n---\nx\n", 4, "chapter must be"),
    ("---\nid: a\ntitle: T\nchapter: 1\norder: 1\nrequires: 3\n---\nx\n", 6, "requires must be"),
])
def test_parse_errors(text, line, fragment):
    with pytest.raises(LessonError) as info:
        parse_lesson(text, Path("x.md"), "en")
    assert info.value.line == line and fragment in info.value.reason


def test_not_utf8(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(FRONT.encode() + b"ok\n\xff\xfe bad\n")
    with pytest.raises(LessonError) as info:
        load_lesson(path)
    assert info.value.line == 8 and "UTF-8" in info.value.reason


def test_load_lessons_sorted_and_zh_falls_back():
    en, problems = load_lessons("en", GOOD)
    assert [l.id for l in en] == ["slopes", "tangent"] and problems == []
    assert not any(l.fallback for l in en)
    zh, problems = load_lessons("zh", GOOD)
    assert [(l.id, l.lang, l.fallback) for l in zh] == [("slopes", "en", True), ("tangent", "zh", False)]


def test_load_lessons_skips_broken_ones_and_reports_them():
    lessons, problems = load_lessons("en", BROKEN)
    ids = [l.id for l in lessons]
    assert "bad-quiz" in ids and "dup" in ids and "bad-yaml" not in ids
    assert ids.count("dup") == 1
    reported = {Path(p.file).name for p in problems}
    assert {"bad-yaml.md", "missing-order.md", "unclosed-fence.md", "dup-b.md"} <= reported
    assert all(isinstance(p, LessonError) for p in problems)


def test_find_lesson():
    assert find_lesson("tangent", "en", GOOD).id == "tangent"
    assert find_lesson("tan", "en", GOOD).id == "tangent"
    assert find_lesson("01-tangent", "en", GOOD).id == "tangent"
    assert find_lesson("tangent", "zh", GOOD).title == "切线"
    with pytest.raises(UnknownLesson, match="did you mean slopes"):
        find_lesson("slope-x", "en", GOOD)


def test_find_lesson_names_a_broken_file():
    with pytest.raises(LessonError, match="bad-yaml.md:3"):
        find_lesson("bad-yaml", "en", BROKEN)


def test_the_readme_example_is_a_valid_lesson(tmp_path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("````markdown\n", 1)[1].split("\n````", 1)[0]
    lesson = parse_lesson(example + "\n", tmp_path / "en" / "03-tangent-line.md", "en")
    assert lesson.id == "tangent-line" and lesson.requires == ("derivatives",)
    assert [b.kind for b in lesson.blocks()] == ["markdown", "math", "markdown", "analogy", "lab", "quiz"]
    assert [k for k, _, _ in lesson.facts] == ["tangent.sqrt401", "tangent.sqrt401"]
    assert [q["id"] for q in next(lesson.blocks("quiz")).questions] == ["tangent-estimate", "tangent-which"]
