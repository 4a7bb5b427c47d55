"""CTC's reading of paths and a transcript's probability summed by hand."""
import numpy as np
import pytest

from engine.ctc import collapse, label_probability, paths_for


def test_collapse_merges_repeats_then_drops_blanks():
    assert collapse("hh-e-ll-lo") == "hello"
    assert collapse("hhel-lo") == "hello"
    assert collapse("helo") == "helo"
    assert collapse("--") == ""


def test_paths_of_a_two_letter_alphabet():
    assert sorted(paths_for("a", 2, "ab")) == ["-a", "a-", "aa"]
    assert sorted(paths_for("aa", 3, "a")) == ["a-a"]


def test_probability_is_the_sum_over_paths():
    probs = np.array([[0.6, 0.1, 0.3],                   # frame 1: a, b, blank
                      [0.5, 0.2, 0.3]])                  # frame 2
    # "a" from aa, a-, -a
    want = 0.6 * 0.5 + 0.6 * 0.3 + 0.3 * 0.5
    assert label_probability(probs, "a", "ab") == pytest.approx(want)
    total = sum(label_probability(probs, y, "ab") for y in ["", "a", "b", "ab", "ba"])
    assert total == pytest.approx(1.0)                   # every path reads as something
    with pytest.raises(ValueError):
        label_probability(probs, "a", "abc")
