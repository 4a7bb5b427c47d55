"""render_block, render_inline and problems never raise, whatever they are fed."""
from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tutor.mathtext import problems, render_block, render_inline

PIECES = [
    "\\frac", "\\frac{", "{", "}", "^", "_", "\\left(", "\\right)", "\\left", "\\right",
    "\\sqrt", "\\sqrt[", "]", "[", "&", "\\\\", "\\begin{pmatrix}", "\\end{pmatrix}",
    "\\begin{cases}", "\\end{cases}", "\\begin{aligned}", "\\end{aligned}", "\\begin{",
    "\\end{", "x", "y_i", "1", "+", "-", "=", "(", ")", "|", "\\|", "'", "\\textcolor{red}",
    "\\textcolor{", "\\color{blue}", "\\color", "\\underbrace", "\\overbrace", "\\boxed",
    "\\foo", "\\", "$", "$$", "%", "中文", " ", "\n", "\\text{", "\\text{误差}", "\\sum",
    "\\prod_", "\\int", "\\hat", "\\vec{", "\\mathbf", "\\mathcal{", "\\operatorname{",
    "\\xrightarrow", "\\xrightarrow[", "\\big(", "\\Big]", "\\not", "\\not=", "~", "\\,",
    "\\quad", "\\!", "\\ln", "\\max_", "\\binom", "\\tag{", "\\label{", "#", "\\#", "\t",
    "\\left.", "\\right.", "\\{", "\\}", "\\begin{array}{cc}", "\\end{array}", "\\cdot",
    "\\times", "\\partial", "\\nabla", "\x00", "\u0302", "\U0001F600", "\\sqrt[3]",
]

latex_like = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=25).map("".join),
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=20).map("".join),
)


def _lines(text: Text) -> list[str]:
    return text.plain.split("\n")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(latex_like, st.one_of(st.none(), st.integers(1, 100)))
def test_never_raises(latex, width):
    block = render_block(latex, width)
    assert isinstance(block, Text)
    inline = render_inline(latex)
    assert isinstance(inline, str)
    found = problems(latex)
    assert isinstance(found, list) and all(isinstance(p, str) for p in found)
    if width is not None and block.no_wrap:  # laid out: no line may be wider than asked
        assert all(cell_len(line) <= width for line in _lines(block)), (latex, width)
    console = Console(width=width or 80, file=io.StringIO(), color_system=None)
    console.print(block)


@settings(max_examples=12, deadline=None)
@given(st.integers(1, 300))
def test_deep_nesting_degrades_instead_of_crashing(depth):
    latex = "\\frac{" * depth + "x" + "}{y}" * depth
    assert isinstance(render_block(latex, 60), Text)
    assert isinstance(render_inline("{" * depth + "x" + "}" * depth), str)
    assert isinstance(problems("{" * depth), list)


def test_odd_arguments_do_not_raise():
    for value in (None, 42, b"x^2", ["x"], "", "   ", "$$x$$", "$x$"):
        assert isinstance(render_block(value), Text)
        assert isinstance(render_inline(value), str)
        assert isinstance(problems(value), list)
    assert render_inline("$x^2$") == "x²"
    assert isinstance(render_block("x", 0), Text)
    assert isinstance(render_block("x", -5), Text)
