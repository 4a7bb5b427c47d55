"""Labs rnn, lstm, digits, iris and fit in Chinese: the same numbers as in English,
Chinese words around them, and the panels in the Chinese app."""
from __future__ import annotations

import re

import pytest

from labs2_pilot import drill, run_to_end, screen_text
from zh_check import both, plain, static_text

CASES = [
    ("rnn", (), ["Elman 循环神经网络：T = 10", "比值 |dh_T/dh_1|"]),
    ("rnn", ("T=7", "hidden=3", "scale=1.5", "seed=2"), ["隐藏单元 hidden = 3", "W_hh 乘以 1.5"]),
    ("lstm", (), ["单元：LSTM（cell = lstm）", "参数个数（x = 1，h = 1）：", "<- 当前单元"]),
    ("lstm", ("cell=peephole", "hidden=2", "T=2"), ["窥视孔 LSTM  4·(h(h + x) + h) + 3h", "= 38  <- 当前单元"]),
    ("lstm", ("cell=gru", "T=2"), ["单元：GRU（cell = gru）", "GRU          3·(h(h + x) + h)"]),
    ("digits", ("epochs=2", "browse=2"),
     ["第   1 轮：损失", "测试准确率：", "混淆矩阵（行：真实数字，列：预测结果）：", "真实 \\ 预测",
      "测试数字 #0：真实是 2，预测为 2", "<- 预测", "认错：", "做 FGSM：损失对每个像素的梯度", "FGSM：eps = ",
      "置信度", "完成：测试准确率"]),
    ("digits", ("epochs=1", "browse=0", "eps=0.01"), ["没有翻转"]),
    ("iris", ("epochs=20",),
     ["鸢尾花，4-8-3 网络", "第    20 轮：损失", "混淆矩阵（行：真实品种，列：预测结果）：", "维吉尼亚鸢尾",
      "决策区域：横轴 花瓣长，纵轴 花瓣宽", "训练准确率："]),
    ("fit", ("epochs=50",), ["拟合 y = sin x：1-16-1 网络", "第     50 轮：E =", "训练 50 轮后完成", "最终损失：",
                             "最大误差："]),
    ("fit", ("optimizer=sgd", "lr=50", "epochs=200"), ["在第 3 步发散（第 3 轮）：", "请换一个更小的学习率"]),
]


@pytest.mark.parametrize("name, args, phrases", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_plain_in_chinese_keeps_every_number(name, args, phrases):
    en, zh = both(name, *args)              # the same numbers and lines; no Chinese in the English
    for phrase in phrases:
        assert phrase in zh, (phrase, zh)


def test_plain_in_chinese_through_the_cli(capsys):
    from tutor.cli import main

    main(["lab", "fit", "epochs=20", "--plain", "--lang", "zh"])
    out = capsys.readouterr().out
    assert "拟合 y = sin x" in out and "最终损失：" in out
    rows = [line for line in out.splitlines() if re.match(r"^\s*-?\d+\.\d{3}\s", line)]
    header = out.splitlines()[out.splitlines().index(rows[0]) - 1]
    from rich.cells import cell_len

    assert cell_len(header) == cell_len(rows[0])        # the table's header lines up with its columns


def test_plain_zh_tables_line_up():
    from rich.cells import cell_len

    zh = plain("iris", "epochs=5", lang="zh")
    lines = zh.splitlines()
    start = next(i for i, line in enumerate(lines) if "真实 \\ 预测" in line)
    table = lines[start:start + 4]
    assert len({cell_len(line) for line in table}) == 1, table
    zh = plain("lstm", "cell=coupled", lang="zh")
    rows = [line for line in zh.splitlines() if re.match(r"^  (RNN|LSTM|窥视孔|耦合|GRU)", line)]
    assert len(rows) == 5
    starts = {cell_len(re.match(r"^  \S+( LSTM)?\s+", line).group(0)) for line in rows}   # where the formula starts
    assert len(starts) == 1, rows


def test_rnn_panels_in_chinese():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        await pilot.pause()
        text = screen_text(app)
        assert "每个隐藏单元的 hₜ" in text and "每往回退一步" in text and "|∂h_6/∂h_t|" in text
        assert stepper.current.label.startswith("完成：|∂h_6/∂h_1| 是 |∂h_6/∂h_6| 的 ")
        return True

    assert drill("rnn", ("T=6",), steps=3, lang="zh", after=after)


def test_lstm_panels_in_chinese():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        await pilot.pause()
        text = screen_text(app)
        assert "GRU 单元" in text and "参数个数（x = 1，h = 1）" in text and "耦合 LSTM" in text
        while stepper.current.kind not in ("gate", "forward"):
            stepper.action_back()
        await pilot.pause()
        assert "时间步 t = 2" in screen_text(app)
        return True

    assert drill("lstm", ("cell=gru", "T=2"), steps=3, lang="zh", after=after)


def test_digits_panels_in_chinese():
    async def after(pilot, app, stepper):
        from tutor.labs.digits.view import DrawGrid

        await run_to_end(pilot, stepper)
        await pilot.pause()
        assert stepper.current.label.startswith("完成：测试准确率")
        table = static_text(app, "#digit-table")
        assert "混淆矩阵（行：真实，列：预测）" in table and "真实 \\ 预测" in table and "前几张：" in table
        assert "现在被认成" in static_text(app, "#digit-probs")
        grid = app.screen.query_one(DrawGrid)
        assert "画数字" in grid.render().plain
        assert grid._bindings.key_to_bindings["x"][0].description == "画"
        grid.focus()
        await pilot.press("right_square_bracket")
        assert grid.caption.startswith("测试数字 #0（真实是 ") and "网络认为是" in grid.render().plain
        return True

    assert drill("digits", ("epochs=1", "browse=1"), steps=3, lang="zh", after=after)


def test_iris_panels_in_chinese():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        await pilot.pause()
        text = screen_text(app)
        assert "混淆矩阵（测试集）" in text and "维吉尼亚鸢尾" in text and "损失和准确率" in text
        assert "花瓣长 →" in app.screen.query_one("RegionsMap").title
        return True

    assert drill("iris", ("epochs=10",), steps=3, lang="zh", after=after)


def test_fit_panels_in_chinese():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        curve = app.screen.query_one("CurvePlot")
        assert curve.title == "目标曲线与网络输出"
        assert {s.label for s in curve.series.values()} == {"目标", "网络"}
        assert app.screen.query_one("LossPlot").xlabel == "轮次"
        assert stepper.current.label.startswith("训练 20 轮后完成")
        return True

    assert drill("fit", ("epochs=20", "hidden=8"), steps=3, lang="zh", after=after)


def test_rnn_backward_captions_are_the_labs_own_chinese():
    """The lab writes "t = 5：…" itself (the engine's phrase table used to turn its colon into Chinese)."""
    from tutor.labs import get_lab
    from tutor.locale import using

    with using("zh"):
        labels = [e.label for e in get_lab("rnn").from_tokens(["T=6"]).run() if e.kind == "backward"]
    assert labels[1].startswith("t = 5：|∂h_6/∂h_5| = "), labels


def test_iris_same_feature_twice_explained_in_chinese():
    from tutor.labs import LabError, get_lab
    from tutor.locale import using

    with using("zh"), pytest.raises(LabError, match="x 和 y 都是 petal_width；请选两个不同的特征"):
        get_lab("iris").from_tokens(["x=petal_width", "y=petal_width"])
