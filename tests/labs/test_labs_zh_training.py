"""The training labs (vanishing, learning-rate, sgd, optimizers) in Chinese.

For each lab: the Chinese plain output carries exactly the numbers of the
English one (translation changes words, never numbers), it holds the Chinese
phrases the lab writes, and the Chinese app steps it with Chinese panels.
"""
from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from tutor.labs.optimizers import OptimizersValues

from labs2_pilot import drill
from zh_check import both, labels, make, plot_fits, widget_text

# --- vanishing -------------------------------------------------------------

@pytest.mark.parametrize("tokens", [(), ("activation=relu", "init=he", "depth=20"),
                                    ("activation=tanh", "residual=1", "depth=2", "width=3", "seed=3")])
def test_vanishing_plain_zh_same_numbers(tokens):
    en, zh = both("vanishing", *tokens)
    assert "残差连接" in zh and "损失 E = " in zh and "平均 f'(u)" in zh
    assert "残差连接开" in zh if "residual=1" in tokens else "残差连接关" in zh
    # the table header lines up with its rows in terminal cells
    lines = zh.splitlines()
    header = next(line for line in lines if "||dE/dW||" in line and "层" in line)
    row = lines[lines.index(header) + 1]                  # "    1  2.6761e-06      0.2060  ###"
    assert cell_len(header[:header.index("||dE/dW||")]) == row.index(re.search(r"\d\.\d+e", row).group())
    assert cell_len(header[:header.index("  log10")]) == len(row.split("  #")[0].rstrip("#"))


def test_vanishing_events_zh():
    events = labels("vanishing", "depth=3", lang="zh")
    assert events[0].startswith("3 层，每层 32 个 sigmoid 神经元")
    assert events[2].startswith("损失 E = ")
    assert events[4].startswith("第 2 层：") and "是第 3 层的" in events[4]
    assert events[-1].startswith("第一层得到的梯度是最后一层的")


def test_vanishing_app_zh():
    async def after(pilot, app, stepper):
        bars = app.screen.query_one("GradientBars")
        assert bars.title == "每层的 log10 ‖∂E/∂W_l‖" and bars.xlabel == "层"
        assert "本网络" in widget_text(app, "TextPanel") or "最大斜率" in widget_text(app, "TextPanel")
        assert "按键" in widget_text(app, "Toggles")
        # the plot's frame stays inside the widget with Chinese in its legend and labels
        plot_fits(bars)
        return True

    assert drill("vanishing", (), size=(100, 32), lang="zh", after=after)


# --- learning-rate -----------------------------------------------------------

@pytest.mark.parametrize("tokens", [(), ("lrs=0.02,0.25,0.5,0.6", "steps=60"), ("lrs=3",)])
def test_learning_rate_plain_zh_same_numbers(tokens):
    en, zh = both("learning-rate", *tokens)
    assert "临界学习率 2/lambda_max" in zh and "最小二乘的最小损失 E = " in zh
    assert "（发散），在第" in zh
    if not tokens:
        assert "（太小）" in zh and "（合适）" in zh and "（振荡）" in zh
        lines = zh.splitlines()
        header = next(line for line in lines if line.strip().startswith("步"))
        row = lines[lines.index(header) + 1]
        # every "eta=" column starts where its numbers start
        starts = [cell_len(header[:m.start()]) for m in re.finditer("eta=", header)]
        assert starts == [m.start() for m in re.finditer(r"(?<=\s)\d", row)][1:]
        assert "  发散" in zh


def test_learning_rate_events_zh():
    events = list(make("learning-rate", "steps=40", lang="zh").run())
    assert events[0].label.startswith("拟合 ŷ = w x + b，从 w = b = 0 出发")
    assert events[1].label.startswith("第 1 步：E = ")
    assert any("η = 0.57 在第 38 步发散 — 第 38 步" in e.label for e in events)
    assert events[-1].label.startswith("40 步后：η = 0.026：E = ")
    assert "最小二乘" in events[-1].formula
    assert labels("learning-rate", "lrs=3", lang="zh")[-1] == "所有学习率都发散了（最后一个在第 3 步）"


def test_learning_rate_app_zh():
    async def after(pilot, app, stepper):
        plot = app.screen.query_one("RatesPlot")
        assert plot.title == "每步的 log10 E" and plot.xlabel == "步"
        assert [s.label.split()[1] for s in plot.series.values()] == ["太小", "合适", "振荡", "发散"]
        plot_fits(plot)
        text = widget_text(app, "TextPanel")
        assert re.search(r"第 \d+ 步", text) and "合适" in text
        return True

    assert drill("learning-rate", (), size=(100, 32), lang="zh", after=after)


# --- sgd -------------------------------------------------------------------------

@pytest.mark.parametrize("tokens", [(), ("lr=200",), ("tol_grad=0.5", "epochs=5")])
def test_sgd_plain_zh_same_numbers(tokens):
    en, zh = both("sgd", *tokens)
    assert "最小二乘的最小损失 E = " in zh and "看过" in zh and "个样本" in zh
    lines = zh.splitlines()
    header = lines[2]
    assert header.split() == ["轮", "全批量", "小批量", "8", "随机"]
    # the names stand over their columns (in terminal cells)
    row = lines[3]
    assert [cell_len(header[:header.index(n)]) for n in ("全批量", "小批量", "随机")] == \
        [m.start() for m in re.finditer(r"(?<=  )[\d—]", row)][1:]
    if tokens == ("lr=200",):
        assert "小批量 8：B = 8，8 步，看过 64 个样本，在第 8 步发散" in zh
    elif tokens:
        assert "小批量 8：第 3 轮后停止：梯度范数 0.481 < 0.5" in zh    # the engine's message, in Chinese
    else:
        assert "小批量 8：第 9 轮后停止：损失变化" in zh and "最后一轮各批量的损失" in zh


def test_sgd_events_zh():
    events = list(make("sgd", "epochs=10", lang="zh").run())
    assert events[0].label == "把 ŷ = w·x + b 拟合到 64 个点上，η = 0.1；停止条件：最多 10 轮，|ΔE| < 0.0001"
    assert events[1].label.startswith("第 1 轮：E = ")
    assert any(e.label.startswith("小批量 8 第 9 轮后停止：损失变化") for e in events)
    assert events[-1].label.startswith("三种方法都停下了：全批量 走了 10 步，E = ")
    assert labels("sgd", "lr=200", lang="zh")[-1].startswith("三种方法都发散了：全批量 在第 2 步发散")


def test_sgd_app_zh():
    async def after(pilot, app, stepper):
        epochs, seen = app.screen.query_one("EpochPlot"), app.screen.query_one("SeenPlot")
        assert epochs.title == "每轮的 log10 E" and seen.xlabel == "看过的样本数"
        assert [s.label for s in seen.series.values()] == ["全批量", "小批量 8", "随机"]
        for plot in (epochs, seen):
            plot_fits(plot)
        text = widget_text(app, "TextPanel")
        assert re.search(r"第 \d+ 轮", text) and "随机" in text and " 步  E = " in text
        return True

    assert drill("sgd", (), size=(100, 32), lang="zh", after=after)


def test_wide_plot_lines_fit():
    from rich.text import Text

    from tutor.widgets.plot import fit_cells

    lines = ["   标题 log10 E      ", "│ ⢕⢕ 小批量 8 ⠉⠑   ⠒│", "│ ⢕⢕ 随机⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿│", "│⣿⣿⣿│"]
    fitted = fit_cells(Text("\n".join(lines)), 20).plain.splitlines()
    assert [cell_len(line) for line in fitted] == [20, 20, 20, 5]
    assert fitted[0] == "   标题 log10 E     " and fitted[1].endswith("⠒│") and fitted[2].endswith("⣿│")


# --- optimizers --------------------------------------------------------------------

@pytest.mark.parametrize("tokens", [(), ("lr=5",), ("surface=rosenbrock", "start=0.5,-0.3", "lr=0.01", "steps=3"),
                                    ("surface=saddle",)])
def test_optimizers_plain_zh_same_numbers(tokens):
    en, zh = both("optimizers", *tokens)
    assert "第 1 步的细节：" in zh and "学习率：SGD" in zh and "步后：" in zh and "停在 (" in zh
    header = next(line for line in zh.splitlines() if "SGD  " in line and "Adam" in line)
    row = zh.splitlines()[zh.splitlines().index(header) + 1]
    assert cell_len(header[:header.index("SGD")]) == 6 == row.index(row.split()[1])
    if "lr=5" in tokens:
        assert "      SGD 在第 4 步发散；Momentum 在第 4 步发散" in zh
        assert "（在第 4 步发散）" in zh
    if "surface=saddle" in tokens:
        assert "曲面 saddle（鞍面）" in zh and "Adam 在第 36 步跑出了地图，鞍面没有底" in zh


def test_optimizers_events_zh():
    events = list(make("optimizers", "steps=5", lang="zh").run())
    assert events[0].label == "五个优化器在 bowl（碗形曲面）上从 (-4, 1) 出发"
    assert events[1].label.startswith("第 1 步：f = SGD 8.58 | Mome ")
    assert events[-1].label.startswith("5 步后：") and "的 f 最低，为" in events[-1].label
    events = list(make("optimizers", "lr=5", "steps=6", "focus=sgd", lang="zh").run())
    assert events[4].label.startswith("SGD 在第 4 步发散；Momentum 在第 4 步发散 — 第 4 步：")
    assert "已停止" in events[4].formula
    # the status the run reads back stays data
    assert OptimizersValues.of(events[-1]).racer("sgd").status == "diverged at step 4"


def test_optimizers_app_zh():
    async def after(pilot, app, stepper):
        assert app.screen.query_one("SurfaceMap").title.startswith("bowl：x -5..5 →，y -2..2 ↑（暗 = 低")
        plot = app.screen.query_one("ValuePlot")
        assert plot.title == "每步的 f（bowl 和 rosenbrock 上取 log10）" and plot.xlabel == "步"
        plot_fits(plot)
        text = widget_text(app, "TextPanel")
        assert re.search(r"第 \d+ 步   （θ = \(x, y\)；g = ∇f）", text) and "m̂=" in text
        return True

    assert drill("optimizers", ("steps=30",), size=(100, 32), lang="zh", after=after)
