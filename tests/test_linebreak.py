"""Chinese-aware line breaking for lesson prose (tutor/widgets/linebreak.py)."""
from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from tutor.widgets.linebreak import NO_BREAK_SPACE, divide_line, join_cjk_lines
from tutor.widgets.page_text import markdown


def lines(text: str, width: int) -> list[str]:
    offsets = [0, *divide_line(text, width), len(text)]
    return [text[a:b] for a, b in zip(offsets, offsets[1:])]


def render(source: str, width: int) -> list[str]:
    console = Console(width=width, color_system=None, file=io.StringIO(), record=True)
    console.print(markdown(source))
    text = console.export_text().replace(NO_BREAK_SPACE, " ")
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def test_chinese_breaks_between_characters_not_only_at_spaces():
    text = "梯度下降每一步都沿着负梯度方向走一小步直到坡度几乎为零"
    out = lines(text, 20)
    assert all(cell_len(line) <= 20 for line in out)
    assert cell_len(out[0]) == 20                  # the first line is filled, not cut early
    assert "".join(out) == text


def test_no_line_starts_with_closing_punctuation():
    text = "一二三四五六七八九，十一二三四五六七八九。十一二三"
    for line in lines(text, 18)[1:]:
        assert line[0] not in "，。"


def test_a_no_break_space_holds_a_formula_together():
    formula = NO_BREAK_SPACE.join(["ŷ", "=", "ax²", "−", "bx", "+", "c"])
    text = f"we fit {formula} to the data points here"
    for line in lines(text, 20):
        assert not (formula[:3] in line and formula not in line)


def test_inline_formulas_stay_whole_on_a_lesson_page():
    shown = render("我们用 $\\hat y = ax^2 - bx + c$ 去拟合这些数据点，然后用梯度下降求出三个参数。", 30)
    assert any("ŷ = ax² − bx + c" in line for line in shown), shown


def test_a_line_break_between_chinese_characters_is_no_space():
    assert join_cjk_lines("小于 1。\n输入") == "小于 1。输入"
    assert join_cjk_lines("first line\nsecond") == "first line\nsecond"
    assert render("小于一。\n输入很大。", 40) == ["小于一。输入很大。"]


@given(st.text(alphabet=st.sampled_from(list("ab 中文，。（）") + [NO_BREAK_SPACE]), max_size=80),
       st.integers(min_value=2, max_value=30))
def test_breaking_never_loses_text_and_offsets_increase(text, width):
    offsets = divide_line(text, width)
    assert offsets == sorted(set(offsets)) and all(0 < o < len(text) for o in offsets)
    assert "".join(lines(text, width)) == text


def test_text_without_chinese_or_formulas_breaks_as_rich_does():
    from rich._wrap import divide_line as rich_divide_line

    from tutor.widgets import linebreak

    linebreak.install()
    text = "Deep learning makes the machine learn g as well. A network is a stack of simple layers; " * 3
    for width in (7, 20, 33, 80):
        assert linebreak.divide_line(text, width) == rich_divide_line(text, width)
    # with a Chinese character the rules apply: a break may fall between characters
    assert linebreak.divide_line("梯度下降法" * 4, 10) == [5, 10, 15]
