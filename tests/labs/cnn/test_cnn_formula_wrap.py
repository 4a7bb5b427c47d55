"""Issue 18 item 10: the cnn lab's first formula, too wide for its panel, broke before the "="
of its second statement, leaving "= (8−3)/1 + 1" hanging under a lone "6".  A list of
statements (", \\quad") now breaks between statements, each starting at the left edge."""
from __future__ import annotations

import re

import pytest

from tutor.mathtext import render_block


def _first_formula() -> str:
    from tutor.labs import get_lab

    return next(iter(get_lab("cnn").from_tokens(["epochs=1"]).run())).formula


@pytest.mark.parametrize("width", [36, 45, 60])
def test_a_list_of_statements_breaks_between_them(width):
    latex = _first_formula()
    assert r"6 = \frac{8 - 3}{1} + 1" in latex
    lines = render_block(latex, width).plain.splitlines()
    assert all(len(line) <= width for line in lines)
    assert not [line for line in lines if re.match(r"\s*=", line)], "\n".join(lines)   # no hanging "= …"
    assert not [line for line in lines if re.search(r"\b6\s*$", line)], "\n".join(lines)   # no lone "6"
    assert any("6 = " in line for line in lines)


def test_a_single_statement_still_hangs_under_its_relation():
    text = render_block(r"E = a + b + c + d + e + f + g + h + i + j + k + l + m + n", 20).plain
    assert text.splitlines()[1].startswith("  + e"), text          # continuation under the "="
