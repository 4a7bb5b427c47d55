"""Hand-in transcripts: the store's numbers, every answer as typed (escaped, never markup),
in the student's language, one self-contained file per student."""
from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from tutor.locale import using
from tutor.progress import Store
from tutor.transcript import file_name, gather, html, markdown, render

ATTACKS = ["<script>alert('x')</script>", '"><img src=x onerror=alert(1)>', "**bold** | [link](javascript:alert(1))",
           "`code` <b>b</b> &amp; \x1b[31mred", "  spaced  "]


@pytest.fixture
def data(tmp_path):
    with Store(tmp_path / "progress.db") as store:
        store.page_seen("ann", "derivatives", 0)
        store.page_seen("ann", "derivatives", 2)
        store.page_seen("ann", "gradients", 0)
        for i, raw in enumerate(ATTACKS):
            store.record_answer("ann", "derivatives", f"q{i}", raw, "wrong", False)
        store.record_answer("ann", "derivatives", "q9", "2.0025", "right", True)
        store.quiz_score("ann", "derivatives", 3, 4)
        store.quiz_score("ann", "derivatives", 1, 4)
        store.lab_opened("ann", "gd1d")
        store.lab_opened("ann", "gd1d")
        store.exercise_checked("ann", "04_sigmoid", "failing")
        store.exercise_checked("ann", "04_sigmoid", "passed")
        store.page_seen("<b>eve</b>", "derivatives", 0)
        store.record_answer("<b>eve</b>", "derivatives", "q0", "</td></tr></table><script>x()</script>", "wrong",
                            False)
    return tmp_path


def lessons(lang="en"):
    from tutor.content import load_lessons

    return load_lessons(lang)[0]


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Elements:
    found = Elements()
    found.feed(page)
    return found


def test_the_numbers_are_the_stores(data):
    with Store(data / "progress.db") as store:
        record = gather(store, "ann", lessons())
        status = store.lesson_status("ann")
    assert record.pages_seen == sum(s["seen"] for s in status.values()) == 3
    assert record.answers == len(ATTACKS) + 1 and record.right == 1
    derivatives = next(lesson for lesson in record.lessons if lesson.id == "derivatives")
    assert derivatives.pages == [0, 2] and derivatives.best == (3, 4) and derivatives.last == (1, 4)
    assert [a.raw for a in derivatives.answers] == ATTACKS + ["2.0025"]          # as typed, in order
    assert [(lab.name, lab.times) for lab in record.labs] == [("gd1d", 2)]
    [exercise] = record.exercises
    assert (exercise.name, exercise.status, exercise.attempts) == ("04_sigmoid", "passed", 2)
    assert record.exercises_passed == 1 and "sigmoid" in exercise.title


def test_html_shows_every_answer_as_text_never_as_markup(data):
    with Store(data / "progress.db") as store:
        page = render(gather(store, "ann", lessons()), html)
        eve = render(gather(store, "<b>eve</b>", lessons()), html)
    for text in (page, eve):
        found = parse(text)
        assert "script" not in found.tags and "img" not in found.tags and "b" not in found.tags
        assert not any(a.startswith("on") for a in found.attrs)
        assert "http" not in text.lower().replace("http-equiv", "")        # self-contained: nothing fetched
    shown = "".join(parse(page).text)
    for raw in ATTACKS:
        assert raw.replace("\x1b", "\u241b") in shown                        # what was typed, character for character
    assert "<b>eve</b>" in "".join(parse(eve).text) and parse(eve).tags.count("table") == 2   # summary, answers
    assert "</td></tr></table><script>x()</script>" in "".join(parse(eve).text)


def test_markdown_renders_every_answer_as_text(data):
    with Store(data / "progress.db") as store:
        text = render(gather(store, "ann", lessons()), markdown)
        eve = render(gather(store, "<b>eve</b>", lessons()), markdown)
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")     # a renderer that passes HTML on
    for source in (text, eve):
        found = parse(renderer.render(source))
        assert not {"script", "img", "b", "strong", "a", "code", "em"} & set(found.tags), found.tags
    shown = "".join(parse(renderer.render(text)).text).replace("\u00a0", " ")
    for raw in ATTACKS:
        assert raw.replace("\x1b", "\u241b") in shown
    assert len(parse(renderer.render(text)).tags) and parse(renderer.render(text)).tags.count("table") == 4


def test_the_page_is_in_the_students_language(data):
    with Store(data / "progress.db") as store, using("zh"):
        page = render(gather(store, "ann", lessons("zh")), html)
    assert 'lang="zh-CN"' in page and "ann 的学习记录" in page and "已读 2 页" in page and "答错" in page
    assert "导数" in page                                              # the lesson's Chinese title


def run(*args: str):
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, timeout=60)


def test_progress_transcript_command(data, tmp_path):
    out = run("progress", "--data-dir", str(data), "--student", "ann", "--transcript", str(tmp_path / "me.html"))
    assert out.returncode == 0, out.stderr
    assert "pages seen: 3" in out.stdout and (tmp_path / "me.html").stat().st_mode & 0o077 == 0
    out = run("progress", "--data-dir", str(data), "--student", "ann", "--lang", "zh",
              "--transcript", str(tmp_path / "me.md"))
    assert out.returncode == 0 and "学习记录" in (tmp_path / "me.md").read_text(encoding="utf-8")
    out = run("progress", "--data-dir", str(data), "--transcript", str(tmp_path / "me.pdf"))
    assert out.returncode == 2 and ".html or .md" in out.stderr and "Traceback" not in out.stderr


def test_class_transcripts_one_file_per_student_inside_the_folder(data, tmp_path):
    folder = tmp_path / "hand-ins"
    out = run("class", "--data-dir", str(data), "--transcripts", str(folder))
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["ann.html", "b_eve_b.html"]
    assert "<b>eve</b>" in "".join(parse((folder / "b_eve_b.html").read_text(encoding="utf-8")).text)


def test_file_names_stay_inside_and_never_clash():
    taken: set[str] = set()
    names = [file_name(n, taken) for n in ("../../etc/passwd", "a/b", "a_b", "..", "", "学生", "A_B")]
    assert names == ["etc_passwd.html", "a_b.html", "a_b-2.html", "student.html", "student-2.html", "学生.html",
                     "A_B-3.html"]
    assert all("/" not in n and not n.startswith(".") for n in names)
