"""Every choice question's hint is about the question (a content check of the lessons)."""
from __future__ import annotations

import pytest

from tutor.content.loader import load_lessons
from tutor.quiz.hints import hint_problems


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_choice_hint_points_at_its_idea(lang):
    lessons, _ = load_lessons(lang)
    problems = [f"{lesson.id} {question.get('id')}: {problem}"
                for lesson in lessons for block in lesson.blocks("quiz") for question in block.questions
                for problem in hint_problems(question)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("hint", [
    "", "Reread the question and rule out the options you are sure are wrong.",
    "Read the question carefully.", "Think again!", "再读一遍题目。", "排除你确定错的选项。"])
def test_a_generic_hint_is_rejected(hint):
    question = dict(id="q", kind="choice", ask="Which way?", options=["Up the slope", "Down the slope"],
                    answer=1, hint=hint)
    assert hint_problems(question)


def test_a_hint_that_quotes_the_answer_is_rejected_and_a_good_one_passes():
    question = dict(id="q", kind="multi", ask="Which way?", options=["Up the slope", "Down the slope"],
                    answer=[1], hint="Go down the slope.")
    assert hint_problems(question)
    question["hint"] = "The gradient points uphill."
    assert hint_problems(question) == []
