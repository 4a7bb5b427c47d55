"""`dltutor check`: the exact `file:line: reason` for each kind of problem.

Labs, facts, the quiz validator and the formula checker belong to other parts
of the app, so these tests put small stand-ins in their place: what is tested
here is that check finds each problem and reports it at the right line.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest

import tutor.facts
import tutor.labs
from tutor.content.check import Checker, check_files, inline_math, lesson_files, run_check
from tutor.labs.kit.lab import Lab, Param

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "lessons"
BROKEN = FIXTURES / "broken"


class FakeGD(Lab):
    name = "gd1d"
    title = "Gradient descent"
    summary = "a stand-in"
    params = (Param("x0", 4.0, "start"), Param("lr", 0.5, "rate", low=0.0, high=10.0))


def fake_math_problems(latex: str) -> list[str]:
    return ["unbalanced braces"] if latex.count("{") != latex.count("}") else []


@pytest.fixture
def stand_ins(monkeypatch):
    monkeypatch.setattr(tutor.labs, "lab_names", lambda: ["gd1d"])
    monkeypatch.setattr(tutor.labs, "get_lab", lambda name: FakeGD if name == "gd1d" else
                        (_ for _ in ()).throw(tutor.labs.LabError(f"unknown lab {name!r}")))
    facts = {"fx_sqrt401": lambda: 2 + 0.01 / 4, "fx_two": lambda: 2.0}
    monkeypatch.setattr(tutor.facts, "_cache", (facts, {k: "tests" for k in facts}))
    checker = Checker()
    checker.validate = None            # the basic checks, not tutor.quiz's
    checker.math_problems = fake_math_problems
    return checker


def lines(files, checker) -> list[str]:
    return [str(p) for p in check_files(files, checker)[1]]


def test_good_fixtures_pass(stand_ins):
    files = lesson_files(GOOD)
    ok, problems = check_files(files, stand_ins)
    assert problems == [] and ok == 3


def test_every_kind_of_problem_exactly(stand_ins):
    b = str(BROKEN)
    assert lines(lesson_files(BROKEN), stand_ins) == [
        f"{b}/en/bad-chapter.md:4: chapter must be a whole number ≥ 0 (got 'one')",
        f"{b}/en/bad-lab-param.md:7: lab gd1d: lr='fast': not a number; write one such as 0.5",
        f"{b}/en/bad-lab-param.md:11: lab gd1d: unknown parameter 'speed'",
        f"{b}/en/bad-math.md:7: formula '\\\\frac{{1}}{{2': unbalanced braces",
        f"{b}/en/bad-math.md:9: formula '\\\\sqrt{{x': unbalanced braces",
        f"{b}/en/bad-quiz-kind.md:10: quiz 'q1': unknown kind 'choise'; did you mean 'choice'?",
        f"{b}/en/bad-quiz.md:8: quiz 'q-range': answer must be a 0-based option index from 0 to 1 (got 2)",
        f"{b}/en/bad-quiz.md:13: quiz 'q-number': answer must be a number (got 'lots')",
        f"{b}/en/bad-yaml.md:3: bad YAML in front matter: expected ',' or ']', but got ':'",
        f"{b}/en/dup-b.md:2: duplicate lesson id 'dup' (also in {b}/en/dup-a.md)",
        f"{b}/en/facts.md:8: unknown fact key 'fx_sqrt40'; did you mean fx_sqrt401?",
        f"{b}/en/facts.md:9: checked number 2.5 disagrees with fact 'fx_two' = 2.0",
        f"{b}/en/missing-order.md:1: front matter is missing 'order'",
        f"{b}/en/unclosed-fence.md:9: unclosed ``` fence (opened here)",
        f"{b}/en/unclosed-math.md:8: unclosed $$ display math (opened here)",
        f"{b}/en/unknown-field.md:6: unknown front-matter field 'titel'; did you mean 'title'?",
        f"{b}/en/unknown-lab.md:9: unknown lab 'nosuchlab'",
        f"{b}/zh/numbers-twin.md:7: checked-number keys differ from the en twin numbers-twin.md: missing fx_two",
        f"{b}/zh/orphan.md:2: zh lesson 'orphan' has no en twin (an en lesson with the same id)",
        f"{b}/zh/twin.md:2: labs differ from the en twin twin.md: en has [gd1d], zh has []",
        f"{b}/zh/twin.md:9: quiz ids differ from the en twin twin.md: missing t2; not in en: t3",
    ]


def test_quiz_validator_is_used_when_present(stand_ins):
    seen = []

    def validate(question):
        seen.append(question["id"])
        return ["too easy"] if question["id"] == "t2" else []

    stand_ins.validate = validate
    out = lines([(BROKEN / "en" / "twin.md", "en")], stand_ins)
    assert seen == ["t1", "t2"]
    assert out == [f"{BROKEN}/en/twin.md:16: quiz 't2': too easy"]


def test_a_zh_file_alone_finds_its_en_twin(stand_ins):
    out = lines([(BROKEN / "zh" / "twin.md", "zh")], stand_ins)
    assert len(out) == 2 and "labs differ" in out[0] and "quiz ids differ" in out[1]


def test_requires_an_unknown_lesson(tmp_path, stand_ins):
    path = tmp_path / "en" / "a.md"
    path.parent.mkdir()
    path.write_text("---\nid: a\ntitle: A\nchapter: 1\norder: 1\nrequires: [nowhere]\n---\ntext\n")
    assert lines(lesson_files(tmp_path), stand_ins) == [f"{path}:6: requires unknown lesson 'nowhere'"]


def test_lesson_files_forms(tmp_path):
    (tmp_path / "lessons" / "en").mkdir(parents=True)
    (tmp_path / "lessons" / "zh").mkdir()
    a = tmp_path / "lessons" / "en" / "a.md"
    z = tmp_path / "lessons" / "zh" / "a.md"
    a.write_text("x")
    z.write_text("x")
    assert lesson_files(tmp_path) == [(a, "en"), (z, "zh")]
    assert lesson_files(tmp_path / "lessons") == [(a, "en"), (z, "zh")]
    assert lesson_files(tmp_path / "lessons" / "zh") == [(z, "zh")]
    assert lesson_files(a) == [(a, "en")]
    with pytest.raises(FileNotFoundError):
        lesson_files(tmp_path / "missing")


def test_inline_math_skips_code():
    text = "a $x^2$ b `$not$`\n```\n$code$\n```\nc $y$ and \\$5"
    assert inline_math(text) == [(0, "x^2"), (4, "y")]


def test_run_check_output_and_status(stand_ins, monkeypatch):
    monkeypatch.setattr("tutor.content.check.Checker", lambda: stand_ins)
    out, err = io.StringIO(), io.StringIO()
    assert run_check(GOOD, out, err) == 0
    assert out.getvalue() == "3 lessons OK\n" and err.getvalue() == ""
    out, err = io.StringIO(), io.StringIO()
    assert run_check(BROKEN / "en" / "facts.md", out, err) == 1
    assert out.getvalue().splitlines() == [
        f"{BROKEN}/en/facts.md:8: unknown fact key 'fx_sqrt40'; did you mean fx_sqrt401?",
        f"{BROKEN}/en/facts.md:9: checked number 2.5 disagrees with fact 'fx_two' = 2.0"]
    assert "2 problems in 1 lesson file" in err.getvalue()
