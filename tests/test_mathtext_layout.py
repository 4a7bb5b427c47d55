"""What tutor.mathtext draws, construct by construct."""
from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

import tutor.mathtext as mt
from tutor.mathtext import problems, render_block, render_inline


def block(latex: str, width: int | None = None) -> str:
    console = Console(width=200, record=True, color_system=None, file=io.StringIO())
    console.print(render_block(latex, width))
    return "\n".join(line.rstrip() for line in console.export_text(styles=False).splitlines())


def lines(latex: str, width: int | None = None) -> list[str]:
    return block(latex, width).split("\n")


# --- fractions, roots, big operators ------------------------------------------------------------

def test_fraction_is_stacked_with_a_bar_as_wide_as_the_wider_part():
    assert lines(r"\frac{1}{1+e^{-z}}") == ["   1", "───────", "1 + e⁻ᶻ"]
    assert lines(r"\frac{x + y + z}{2}") == ["x + y + z", "─────────", "    2"]


def test_nested_fractions_get_their_own_bars():
    out = lines(r"\frac{\frac{a}{b}}{c+d}")
    assert out == ["  a", "  ─", "  b", "─────", "c + d"]


def test_baselines_line_up_across_a_row():
    out = lines(r"y = \frac{a}{b} + \frac{c+1}{d}")
    assert out[1] == "y = ─ + ─────"          # = and + sit on the bars' row
    assert out[0] == "    a   c + 1"
    assert out[2] == "    b     d"


def test_sum_and_product_carry_limits_above_and_below():
    assert lines(r"\sum_{i=1}^{n} x_i") == [" n", " ∑  xᵢ", "i=1"]
    assert lines(r"\prod_{k=l}^{L} a") == [" L", " ∏  a", "k=l"]


def test_limits_go_to_the_side_inside_a_fraction():
    out = lines(r"\frac{1}{\sum_j x_j}")
    assert out[-1] == "∑ⱼ xⱼ"


def test_square_root_has_an_overbar_over_its_radicand():
    assert lines(r"\sqrt{\sigma^2+\epsilon}") == [" ______", "√σ² + ε"]
    tall = lines(r"\sqrt{\frac{1}{n}}")
    assert tall[0].strip() == "_"
    assert "╲╱" in tall[-1]


# --- scripts ------------------------------------------------------------------------------------

@pytest.mark.parametrize("latex, expected", [
    ("x^2", "x²"), ("w_{ij}", "wᵢⱼ"), ("e^{-z}", "e⁻ᶻ"), ("h_{(t-1)}", "h₍ₜ₋₁₎"),
    ("y_j^{(l)}", "yⱼ⁽ˡ⁾"), (r"\mathbf{w}^T", "wᵀ"), ("x^{n+1}", "xⁿ⁺¹"),
])
def test_unicode_scripts_where_every_character_has_one(latex, expected):
    assert render_inline(latex) == expected
    assert block(latex) == expected


@pytest.mark.parametrize("latex, expected", [
    ("x^{q+1}", "x^(q+1)"), ("w_{bc}", "w_(bc)"), ("x^{1/2}", "x^(1/2)"),
    (r"\nabla_\theta E", "∇_θ E"), ("e^{z_i}", "e^(zᵢ)"),
])
def test_inline_falls_back_to_ascii_scripts(latex, expected):
    assert render_inline(latex) == expected


def test_block_raises_and_lowers_scripts_without_unicode_forms():
    assert lines("x^{q+1}") == [" q+1", "x"]
    assert lines("w_{bc}") == ["w", " bc"]


def test_nested_subscripts_are_written_level():
    assert render_inline("out_{o_1}") == "outₒ₁"


# --- delimiters, matrices, cases, alignment -------------------------------------------------------

def test_left_right_grow_with_their_content():
    assert lines(r"\left( \frac{a}{b} \right)") == ["⎛a⎞", "⎜─⎟", "⎝b⎠"]


def test_plain_parentheses_stay_one_row_around_a_lowered_subscript():
    assert lines(r"\alpha(\nabla_W + b)") == ["α(∇  + b)", "   W"]


def test_pmatrix_and_bmatrix_get_tall_brackets():
    assert lines(r"\begin{pmatrix} a \\ b \\ c \end{pmatrix}") == ["⎛a⎞", "⎜b⎟", "⎝c⎠"]
    assert lines(r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}") == ["⎡1  2⎤", "⎣3  4⎦"]


def test_cases_get_a_tall_brace():
    out = lines(r"f(z) = \begin{cases} 0 & z<0 \\ 1 & z>0 \\ z & z=0 \end{cases}")
    assert out == ["       ⎧0   z < 0", "f(z) = ⎨1   z > 0", "       ⎩z   z = 0"]
    assert render_inline(r"\begin{cases} 0 & z<0 \\ 1 & z>0 \end{cases}") == "{0 if z < 0; 1 if z > 0}"


def test_cases_with_words_need_no_if():
    latex = r"\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}"
    assert render_inline(latex) == "{1 if x > 0; 0, otherwise}"


def test_colon_is_punctuation_and_colon_equals_a_relation():
    assert render_inline(r"(0,0) \mapsto 0: b") == "(0, 0) ↦ 0: b"
    assert render_inline("x := 2") == "x := 2"


def test_aligned_rows_line_up_on_the_ampersand():
    out = lines(r"\begin{aligned} abc &= b + c \\ &= d \end{aligned}")
    assert out == ["abc = b + c", "    = d"]


def test_underbrace_puts_its_label_below():
    out = lines(r"\underbrace{(t - \hat{y})}_{\text{误差}}")
    assert out == ["(t − ŷ)", "╰──┬──╯", " 误差"]


def test_boxed_draws_a_frame():
    assert lines(r"\boxed{x^2}") == ["┌────┐", "│ x² │", "└────┘"]


def test_xrightarrow_writes_its_label_over_the_arrow():
    assert lines(r"a \xrightarrow{k} b") == ["   k", "a ──→ b"]


# --- symbols, fonts, accents, spacing -------------------------------------------------------------

@pytest.mark.parametrize("latex, expected", [
    (r"\alpha\beta\Gamma", "αβΓ"), (r"\partial \nabla \infty", "∂∇∞"),
    (r"a \cdot b \times c \pm d", "a · b × c ± d"),
    (r"a \le b \ge c \ne d \approx e", "a ≤ b ≥ c ≠ d ≈ e"),
    (r"x \to y \leftarrow z \gets w \rightarrow v", "x → y ← z ← w → v"),
    (r"\forall x \in S", "∀x ∈ S"), (r"\|x\|", "‖x‖"),
    (r"\hat{y} \tilde{y} \bar{x} \vec{v} \dot{x}", "ŷỹx̄v⃗ẋ"),
    (r"\mathcal{L} \mathbb{R}", "ℒℝ"), (r"\operatorname{softmax}(x)", "softmax(x)"),
    (r"\ln x + \log(y) + \exp(z) + \sin x + \cos y + \tanh z", "ln x + log(y) + exp(z) + sin x + cos y + tanh z"),
    (r"\max(a, b) - \min(c) + \arg\max_x f", "max(a, b) − min(c) + arg maxₓ f"),
    (r"a\,b\;c\quad d\!e", "a b c  de"), ("f'(x) + f''(x)", "f′(x) + f′′(x)"),
    (r"\text{第 } l \text{ 层}", "第 l 层"), (r"\int_0^1 f", "∫₀¹ f"),
])
def test_symbols(latex, expected):
    assert render_inline(latex) == expected


def test_accents_take_one_cell():
    for latex in (r"\hat{y}", r"\tilde{x}", r"\bar{x}", r"\vec{v}", r"\dot{x}", r"\hat{\theta}"):
        assert cell_len(render_inline(latex)) == 1, latex


# --- colour ---------------------------------------------------------------------------------------

def test_colours_become_rich_styles():
    text = render_block(r"\textcolor{pink}{a} + {\color{red} b} + \color{lightgreen}{c}")
    styled = {text.plain[s.start:s.end]: str(s.style) for s in text.spans}
    assert styled == {"a": "pink1", "b": "red", "c": "light_green"}


def test_bold_is_a_style_and_keeps_colour():
    text = render_block(r"\mathbf{W}x + \textcolor{red}{\boldsymbol{b}}")
    styled = {text.plain[s.start:s.end]: str(s.style) for s in text.spans}
    assert {k: Style.parse(v) for k, v in styled.items()} == {"W": Style.parse("bold"),
                                                              "b": Style.parse("bold red")}
    assert render_inline(r"\mathbf{W}x") == "Wx"


def test_colour_covers_a_whole_fraction():
    text = render_block(r"\textcolor{gold}{\frac{\partial E}{\partial w}}")
    assert {str(s.style) for s in text.spans} == {"gold1"}
    assert sum(s.end - s.start for s in text.spans) == len(text.plain.replace("\n", ""))


def test_no_colour_terminal_keeps_the_text_and_inline_is_plain():
    assert block(r"\textcolor{pink}{x^2} = 1") == "x² = 1"
    out = render_inline(r"\textcolor{pink}{x^2} = 1")
    assert isinstance(out, str) and out == "x² = 1"


# --- cell widths, wrapping, caching -----------------------------------------------------------------

def test_chinese_text_is_two_cells_a_character():
    text = render_block(r"\text{误差} = \frac{1}{2}")
    console = Console(width=80, file=io.StringIO())
    assert Measurement.get(console, console.options, text).maximum == 4 + 3 + 1
    assert lines(r"\frac{\text{误差}}{2}") == ["误差", "────", " 2"]


def test_too_wide_formula_wraps_at_top_level_operators():
    latex = r"L = a_1 + a_2 + a_3 + a_4 + a_5 + a_6 + a_7 + a_8 = \frac{1}{n} \sum_{i=1}^n e_i^2"
    out = lines(latex, 24)
    assert all(cell_len(line) <= 24 for line in out)
    assert len(out) > 3
    for line in out[1:]:
        first = line.strip()[:1]
        assert first in ("+", "=", "", "1", "n", "∑", "i", "─"), line
    joined = "".join(out).replace(" ", "")
    for k in range(1, 9):
        assert f"a{'₀₁₂₃₄₅₆₇₈'[k]}" in joined


def test_wrapped_continuation_starts_under_the_relation():
    out = lines("y = a + b + c + d + e + f", 12)
    assert out[0].startswith("y = a")
    assert all(line.startswith("  + ") for line in out[1:])


def test_unwrappable_formula_degrades_to_text():
    text = render_block(r"\frac{aaaaaaaaaaaaaaaaaaaa}{b}", 8)
    assert isinstance(text, Text)
    assert "aaaaaaaaaaaaaaaaaaaa/b" in text.plain


def test_results_are_cached_per_formula_and_width():
    mt._block.cache_clear()
    render_block("x^2 + y^2", 40)
    render_block("x^2 + y^2", 40)
    render_block("x^2 + y^2", 20)
    info = mt._block.cache_info()
    assert (info.hits, info.misses) == (1, 2)


def test_callers_cannot_spoil_the_cache():
    first = render_block("a + b")
    first.stylize("bold")
    assert render_block("a + b").spans == []


# --- problems -----------------------------------------------------------------------------------------

def test_problems_is_empty_for_good_formulas():
    assert problems(r"\sigma(z) = \frac{1}{1+e^{-z}}") == []
    assert problems(r"\begin{pmatrix} a \\ b \end{pmatrix}") == []


@pytest.mark.parametrize("latex, words", [
    (r"\foo{x}", "unknown command \\foo"),
    (r"\frac{1}{2", "'{' not closed"),
    (r"x}", "closes nothing"),
    (r"\begin{foo} x \end{foo}", "unknown environment foo"),
    (r"\textcolor{nosuchcolour}{x}", "unknown colour nosuchcolour"),
    (r"\left( x", "\\left without a matching \\right"),
    (r"\begin{cases} x", "do not pair up"),
    ("x^", "nothing after it"),
])
def test_problems_names_what_is_wrong(latex, words):
    found = problems(latex)
    assert any(words in p for p in found), found
    assert isinstance(render_block(latex), Text)
    assert isinstance(render_inline(latex), str)


def test_unknown_command_degrades_to_its_name():
    assert render_inline(r"\foo + 1") == "foo + 1"
