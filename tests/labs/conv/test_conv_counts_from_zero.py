"""Issue 18 item 9: the conv lab, its lesson (4.1) and the generated conv question count rows
and columns from 0, as the lesson's y₀,₀ (top-left) does."""
from __future__ import annotations

import io

import numpy as np
import pytest

from tutor.locale import using

X = np.array([[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]], float)
W = np.array([[0, 1, 2], [2, 2, 0], [0, 1, 2]], float)


def test_the_lessons_example_is_y00_in_the_lab_events():
    from engine.conv_steps import conv_window_events, pool_window_events

    windows = [e for e in conv_window_events(X, W) if e.kind == "window"]
    first, last = windows[0], windows[-1]
    assert first.formula.startswith("y_{0,0} =") and "x_{0+u,0+v}" in first.formula
    assert first.label == "Window at row 0, column 0"
    assert last.formula.startswith("y_{2,2} =")
    pools = list(pool_window_events(np.arange(16.0).reshape(4, 4)))
    assert pools[0].label == "Max pool at row 0, column 0"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_lab_plain_output_counts_from_zero(lang):
    from tutor.labs import get_lab

    out = io.StringIO()
    with using(lang):
        get_lab("conv")().plain(out)
    text = out.getvalue()
    assert "y[0,0] =" in text and "max[0,0] =" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_lesson_does_not_say_the_lab_counts_from_one(lang):
    from pathlib import Path

    text = (Path(__file__).parents[3] / "lessons" / lang / "18-convolution.md").read_text()
    text = " ".join(text.split())
    assert "columns from 1" not in text and "从 1 数起" not in text
    assert "from 0" in text or "从 0 数起" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_generated_conv_question_names_the_output_as_the_lesson_does(lang):
    from tutor.quiz.generators import conv_value

    for seed in range(12):
        with using(lang):
            inst = conv_value(np.random.default_rng(seed))
        i, j = inst.values["i"], inst.values["j"]
        assert f"y_{{{i},{j}}}" in inst.ask and "y_{0,0}" in inst.ask      # which cell, and where 0 is
        assert f"y_{{{i},{j}}}" in inst.solution
