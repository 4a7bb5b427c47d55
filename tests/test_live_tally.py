"""The teacher's count of an asked question's answers (tutor/live/tally.py)."""
from __future__ import annotations

from tutor.live.state import Answer
from tutor.live.tally import tally
from tutor.locale import using

CHOICE = {"options": ["Along the gradient", "Against the gradient", "Perpendicular"], "answer": 1}


def test_options_are_counted_in_the_files_order_with_the_right_one_marked():
    answers = [("ann", Answer(True, (1,)), 1.0), ("bob", Answer(False, (0,)), 2.0), ("cai", Answer(True, (1,)), 3.0)]
    lines = tally(CHOICE, "choice", answers).splitlines()
    assert lines[0] == "3 answered · 2 right (67 %)"
    assert lines[1].startswith("  Along the gradient") and lines[1].endswith(" 1")
    assert lines[2].startswith("✓ Against the gradient") and lines[2].endswith(" 2")
    assert lines[3].endswith(" 0")
    assert "ann" not in "\n".join(lines)                       # anonymous on the projector
    assert "ann, cai" in tally(CHOICE, "choice", answers, names=True)


def test_numbers_are_a_histogram_with_the_right_values_bar_marked():
    answers = [(f"s{k}", Answer(abs(v - 2.0025) < 0.01, value=v), 0.0) for k, v in enumerate([2.0, 2.0025, 2.5, 4.0])]
    text = tally({"answer": 2.0025}, "number", answers)
    marked = [line for line in text.splitlines() if line.startswith("✓")]
    assert len(marked) == 2 and "2.0025" in marked[-1]           # the bar holding 2.0025, and the legend
    assert "2 " in marked[0] and marked[0].rstrip().endswith("2")


def test_no_answers_yet_and_other_kinds():
    assert tally(CHOICE, "choice", []).splitlines()[0] == "0 answered · 0 right (0 %)"
    assert tally({}, "number", []) == "0 answered · 0 right (0 %)"
    text = tally({}, "expression", [("ann", Answer(True), 0.0), ("bob", Answer(False), 0.0)], names=True)
    assert "right:    ann" in text and "not right:    bob" in text
    with using("zh"):
        assert tally(CHOICE, "choice", []).startswith("0 人已答")
