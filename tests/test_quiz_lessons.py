"""Every quiz in the shipped lessons validates, poses, and accepts its own right answer."""
import importlib.util
import re
from pathlib import Path

import pytest

from tutor.locale import using
from tutor.quiz import validate_all
from tutor.quiz.session import QuizSession

_spec = importlib.util.spec_from_file_location("golden_tool", Path(__file__).resolve().parents[1] / "tools" / "golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


def lessons():
    try:
        from tutor.content import load_lessons
    except ImportError:
        return []
    found = []
    for lang in ("en", "zh"):
        loaded, _errors = load_lessons(lang)
        found += [lesson for lesson in loaded if any(True for _ in lesson.blocks("quiz"))]
    return found


LESSONS = lessons()


def right_answer(posed):
    """What a student who knows the answer types (tools/golden.py's answer key), lab questions aside."""
    return None if posed.kind == "lab" else golden._right(posed)


@pytest.mark.skipif(not LESSONS, reason="no lessons with quizzes in this checkout")
@pytest.mark.parametrize("lesson", LESSONS, ids=[f"{l.lang}/{l.id}" for l in LESSONS])
def test_lesson_quiz_answers_itself(lesson):
    questions = [q for block in lesson.blocks("quiz") for q in block.questions]
    problems = [p for p in validate_all(questions) if not re.search(r"unknown lab", p)]
    assert problems == []
    with using(lesson.lang):
        session = QuizSession(questions, lesson.id, "checker")
        assert session.notices == []
        for posed in session.posed:
            raw = right_answer(posed)
            if raw is None:            # lab questions need their lab's run: see test_quiz_labs
                continue
            assert posed.check(raw).correct, (posed.question.id, raw)
            assert posed.text and posed.prompt()


# What a student is shown before answering: the prompt over the box ("Lab settings (e.g. lr=…):")
# and the message for something unreadable.  Examples there show the format and must never be
# an accepted answer (1.4's lab question showed `e.g. lr=0.4`, a setting that passes).
EXAMPLE = re.compile(r"(?:e\.g\.|例如)\s*(.+?)(?=[)）]|[.。，,](?:\s|$)|$)")
PARENTHESES = re.compile(r"[（(]([^()（）]+)[)）]")
STUDENTS = [f"student{k}" for k in range(40)]   # option orders differ per student


def shown_examples(text: str) -> set[str]:
    found = {m.group(1).strip() for m in EXAMPLE.finditer(text)}
    found |= {m.group(1).strip() for m in PARENTHESES.finditer(text) if not EXAMPLE.match(m.group(1))}
    return {f for f in found if f}


def test_shown_examples_reads_the_prompts():
    assert shown_examples("Lab settings (e.g. lr=0.4):") == {"lr=0.4"}
    assert shown_examples("实验参数（例如 lr=0.4）：") == {"lr=0.4"}
    assert shown_examples("Type the lab's settings as key=value, e.g. lr=0.4. Settings: lr.") == {"lr=0.4"}
    assert shown_examples("Your choice (1-3):") == {"1-3"}


@pytest.mark.skipif(not LESSONS, reason="no lessons with quizzes in this checkout")
@pytest.mark.parametrize("lesson", LESSONS, ids=[f"{l.lang}/{l.id}" for l in LESSONS])
def test_no_prompt_gives_the_answer_away(lesson):
    questions = [q for block in lesson.blocks("quiz") for q in block.questions]
    given_away, checked = [], set()
    for student in STUDENTS:
        with using(lesson.lang):
            shown_to = [(posed, posed.prompt() + "\n" + posed.check("?").message)
                        for posed in QuizSession(questions, lesson.id, student).posed]
        for posed, shown in shown_to:
            for example in shown_examples(shown):
                key = (posed.question.id, tuple(getattr(posed, "order", ())), example)
                if key in checked:          # a lab question is the same for everyone: run it once
                    continue
                checked.add(key)
                if posed.check(example).correct:
                    given_away.append((posed.question.id, student, example))
    assert given_away == []
