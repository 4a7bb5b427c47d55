"""Any text given to the lesson parser gives a Lesson or a LessonError, nothing else."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.content import Lesson, LessonError, load_lesson
from tutor.content.loader import parse_lesson

PIECES = ["---", "$$", "$$ x $$", "```", "```quiz", "```lab", "```analogy", "```demo", "~~~", "````",
          "id: a", "title: T", "chapter: 1", "order: 2", "requires: [a]", "chapter_title: C",
          "- id: q", "  kind: choice", "  ask: why?", "  options: [a, b]", "  answer: 0", "- [", ": :",
          "gd1d x0=4", "{{2.5|k}}", "{{|}}", "{{1e3|a.b}}", "# Title", "", " ", "\t", "text $x$",
          "!!python/object:os.system", "&a [*a]", "? [a]\n: b", "date: 2020-13-45", "\ufeff", "\x00", "\r"]

lines = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=30)


def check(text: str) -> None:
    try:
        result = parse_lesson(text, Path("x.md"), "en")
    except LessonError as exc:
        assert exc.line >= 1 and str(exc).startswith("x.md:")
    else:
        assert isinstance(result, Lesson) and result.pages
        last = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        for block in result.blocks():
            assert 1 <= block.line <= last


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_random_lines(body):
    check("\n".join(body))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_random_lines_after_good_front_matter(body):
    check("---\nid: a\ntitle: T\nchapter: 1\norder: 1\n---\n" + "\n".join(body))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_random_text(text):
    check(text)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_from_a_file(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "x.md"
    path.write_bytes(data)
    try:
        assert isinstance(load_lesson(path), Lesson)
    except LessonError as exc:
        assert exc.line >= 1
