"""The calculus labs in Chinese (derivative, gradient2d, gd1d, regression).

The zh `--plain` output carries exactly the numbers of the English one (a
translation must not change a number), says it in Chinese, and leaves no
English sentence behind; the Chinese app opens each lab, steps it without an
error notice and shows Chinese in its panel, with plot frames still in line.
"""
from __future__ import annotations

import re

import pytest

from labs2_pilot import drill, run_to_end
from zh_check import both, make, numbers, plain, plots_fit, static_text

# identifiers and function names a Chinese line keeps as they are
KEPT = r"max_iter|min_step|sqrt|sin|exp|log"


CASES = [
    ("derivative", ()),
    ("derivative", ("preset=sqrt",)),
    ("derivative", ("preset=cube",)),
    ("derivative", ("f=1/x",)),
    ("derivative", ("f=x",)),
    ("gradient2d", ()),
    ("gradient2d", ("f=x^2 + 5y^2", "lr=0.19")),
    ("gradient2d", ("f=exp(x*y)", "x0=2", "y0=2", "lr=1", "max_iter=50")),
    ("gradient2d", ("max_iter=0",)),
    ("gd1d", ()),
    ("gd1d", ("compare=0.1",)),
    ("gd1d", ("f=x^4", "x0=4", "lr=1")),
    ("gd1d", ("x0=4", "max_iter=3")),
    ("regression", ()),
    ("regression", ("x=0,1,2,3.5", "y=1,2.5,5,7")),
    ("regression", ("mode=quadratic",)),
    ("regression", ("mode=quadratic", "lr=5")),
]


@pytest.mark.parametrize("name,tokens", CASES)
def test_zh_plain_has_the_same_numbers_and_no_english_left(name, tokens):
    en, zh = both(name, *tokens)                    # the same numbers, the same lines
    assert zh != en
    words = re.findall(r"[A-Za-z]{4,}", re.sub(KEPT, "", zh))
    assert not words, words


@pytest.mark.parametrize("name,tokens", CASES)
def test_zh_event_labels_keep_their_numbers(name, tokens):
    def labels(lang):
        return [(e.step, e.kind, e.label, e.formula) for e in make(name, *tokens, lang=lang).run()]

    en, zh = labels("en"), labels("zh")
    assert [e[:2] for e in en] == [z[:2] for z in zh]
    assert [e[3] for e in en] == [z[3] for z in zh]          # formulas are language neutral
    for e, z in zip(en, zh):
        assert numbers(z[2]) == numbers(e[2]), (e[2], z[2])


def test_derivative_zh_phrases():
    text = plain("derivative", lang="zh")
    assert "x0 = 0 处的切线：f(x0) = 5.000000，f'(x0) = 12.000000" in text
    assert "线性近似：f(0.1) ≈ f(0) + f'(0)*(0.1 - 0) = 6.200000；精确值 f(0.1) = 6.176100，误差 -2.39e-02" in text
    assert "临界点 x = -1.000000：f''(x) = 32.0000，极小值，f(x) = -4.000000" in text
    assert "极大值" in text and "拐点 x = -0.154701" in text
    assert text.splitlines()[-1] == ("在 [-2, -0.1547]、[2.155, 4] 上是凸的（f'' > 0）；"
                                     "在 [-0.1547, 2.155] 上是凹的（f'' < 0）")
    assert "不是极值" in plain("derivative", "preset=cube", lang="zh")
    assert "只有直线段" in plain("derivative", "f=x", lang="zh")


def test_gradient2d_zh_phrases():
    text = plain("gradient2d", lang="zh")
    assert text.startswith("f(x, y) = x^2 + y^2 - 2xy，点 (1, 2)，学习率 0.1\n")
    assert "梯度 = (-2.000000, 2.000000)，|梯度| = 2.828427" in text
    assert "第 0 次迭代：(x, y) = (1.2000, 1.8000)，f = 0.3600" in text
    assert "找到最小值，共迭代 21 次" in text
    assert "学习率减半：0.19 -> 0.095（梯度掉头了）" in plain("gradient2d", "f=x^2 + 5y^2", "lr=0.19", lang="zh")
    assert "在第 0 次迭代发散：" in plain("gradient2d", "f=exp(x*y)", "x0=2", "y0=2", "lr=1", lang="zh")


def test_gd1d_zh_phrases():
    text = plain("gd1d", "compare=0.1", lang="zh")
    assert "起点：x = 4.0000，f(x) = 15.2432" in text
    assert "第 0 次迭代：x = 0.3268，f(x) = 0.4278，梯度 = 7.3464，学习率 = 0.5000" in text
    assert "学习率减半：梯度 = -0.0571，上一步的梯度 = 1.6007（符号相反），学习率 0.5 -> 0.25" in text
    assert text.splitlines()[-1] == ("对比：学习率 0.5：迭代 10 次后在 x = -0.450197 处找到最小值；"
                                     "学习率 0.1：迭代 46 次后在 x = -0.450145 处找到最小值")
    assert "迭代 3 次后停止（达到 max_iter）" in plain("gd1d", "max_iter=3", lang="zh")
    assert "在第 2 次迭代发散：" in plain("gd1d", "f=x^4", "x0=4", "lr=1", lang="zh")


def test_regression_zh_phrases():
    text = plain("regression", lang="zh")
    assert "各项和：n = 5，Σx = 15，Σy = 30.1，Σxy = 110.2，Σx² = 55" in text
    assert "截距 b = (Σy − w Σx) / n = 0.050000" in text
    assert "最佳直线：y = 1.990000 x + 0.050000" in text
    text = plain("regression", "mode=quadratic", lang="zh")
    assert "用梯度下降拟合 y = a x² − b x + c，学习率 0.02，1000 步" in text
    assert "第 0 步：L = 13.800000，dL/da = -17.600000" in text
    assert "1000 步后拟合完成：a = 1.000000，b = 1.000000，c = 1.000000" in text
    assert "在第 6 步发散：损失无限增大" in plain("regression", "mode=quadratic", "lr=5", lang="zh")


def test_cli_lang_zh(capsys):
    import tutor.cli

    assert tutor.cli.main(["lab", "gd1d", "lr=0.1", "--plain", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "迭代 46 次后找到最小值" in out
    assert out == plain("gd1d", "lr=0.1", lang="zh")


def test_fit_cells_takes_back_the_cells_of_chinese():
    from rich.text import Text

    from tutor.widgets.plot import fit_cells

    rows = Text("   f(x) 及其切线     \n│ ●● 临界点    ⡇│\n│ plain ascii │")
    fitted = fit_cells(rows, 16).split("\n")
    assert fitted[0].cell_len <= 16 and [r.cell_len for r in fitted[1:]] == [16, 15]   # a title may end short
    assert fitted[0].plain.strip() == "f(x) 及其切线"
    assert fitted[1].plain.startswith("│ ●● 临界点") and fitted[1].plain.endswith("│")
    assert fitted[2].plain == "│ plain ascii │"


def test_gd1d_table_rows_in_chinese():
    from tutor.labs import get_lab
    from tutor.labs.gd1d.view import RunRows
    from tutor.locale import using

    lab = get_lab("gd1d").from_tokens(["f=x^4", "x0=4", "lr=1"])
    rows = RunRows()
    with using("zh"):
        for event in lab.run():
            rows.add(event)
    assert ("η/2", "斜率变号", "", "", "1→0.5") in [cells for cells, _ in rows.rows]
    assert rows.diverged and rows.end.startswith("在第 2 步发散：\n")


# --- the Chinese app --------------------------------------------------------------------

def test_derivative_zh_app():
    async def after(pilot, app, stepper):
        from tutor.widgets.plot import Plot

        text = static_text(app, "#derivative-readout")
        assert "切线：y = " in text and "按键：h/l 移动点" in text
        assert app.screen.query_one("#derivative-f", Plot).title == "f(x) 及其切线"
        labels = {s.label for s in app.screen.query_one("#derivative-d", Plot).series.values()}
        assert {"f'' > 0：凸", "f'' < 0：凹"} <= labels
        plots_fit(app, Plot)
        await run_to_end(pilot, stepper)
        assert "临界点 x = 1.0000：极大值" in [e.label for e in stepper.history]
        assert static_text(app, "#stepper-label").startswith("在 [-2, -0.1547]、[2.155, 4] 上是凸的")

    drill("derivative", (), size=(100, 32), after=after, lang="zh")


def test_gradient2d_zh_app():
    async def after(pilot, app, stepper):
        text = static_text(app, "#gradient2d-readout")
        assert "∂f/∂x = " in text and "等高线" in text
        await run_to_end(pilot, stepper)
        assert "对 x 的偏导数：固定 y，让 x 动一点" in [e.label for e in stepper.history]

    drill("gradient2d", (), steps=6, size=(100, 32), after=after, lang="zh")


def test_gd1d_zh_app():
    async def after(pilot, app, stepper):
        from tutor.widgets.plot import Plot

        await run_to_end(pilot, stepper)
        table = static_text(app, "#gd1d-table")
        assert "迭代 10 次后" in table and "找到最小值" in table and "迭代 46 次后" in table
        plot = app.screen.query_one("#gd1d-plot", Plot)
        assert plot.title == "f(x) = x² + sin(x) 及下降路径"
        assert "路径 η=0.5" in {s.label for s in plot.series.values()}
        assert "η = 0.5：迭代 10 次后" in static_text(app, "#stepper-label")
        plots_fit(app, Plot)

    drill("gd1d", ("compare=0.1",), size=(100, 32), after=after, lang="zh")


def test_regression_zh_app():
    async def after(pilot, app, stepper):
        from tutor.widgets.plot import Plot

        assert app.screen.query_one("#regression-fit", Plot).title == "数据与拟合的抛物线"
        assert app.screen.query_one("#regression-second", Plot).title == "每一步的损失 L（log10）"
        await run_to_end(pilot, stepper)
        assert "步后拟合完成，L = " in static_text(app, "#regression-readout")
        plots_fit(app, Plot)

    drill("regression", ("mode=quadratic", "steps=40"), size=(100, 32), after=after, lang="zh")
