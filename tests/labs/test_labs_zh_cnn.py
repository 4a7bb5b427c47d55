"""The network labs (mlp, overfitting, conv, cnn) in Chinese.

For each lab: the Chinese plain output carries exactly the numbers of the
English one (translation changes words, never numbers), it holds the Chinese
phrases the lab writes, its columns line up in terminal cells, and the Chinese
app steps it with Chinese panels.
"""
from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from labs2_pilot import drill, run_to_end, screen_text
from zh_check import both, labels, plain, plot_fits, widget_text


def lines_with(text: str, word: str) -> list[str]:
    return [line for line in text.splitlines() if word in line]


# --- mlp -------------------------------------------------------------------

@pytest.mark.parametrize("tokens", [(), ("sizes=64,16,10", "train=2", "digit=7"), ("sizes=3,5,2", "train=0")])
def test_mlp_plain_zh(tokens):
    en, zh = both("mlp", *tokens)
    assert "结构：" in zh and "参数总数：" in zh and "前向传播完成：" in zh
    assert "第 1 层：u⁽1⁾ = W⁽1⁾ y⁽0⁾ + b⁽1⁾，形状 (" in zh
    assert "Total parameters" not in zh and "Layer" not in zh
    # the table header lines up with its rows in terminal cells
    lines = zh.splitlines()
    header = next(line for line in lines if line.startswith("层"))
    row = lines[lines.index(header) + 1]
    assert cell_len(header) == len(row)
    assert cell_len(header[:header.index("u, y") + 4]) == len(row) - 13


def test_mlp_words_zh():
    zh = plain("mlp", "sizes=64,16,10", "train=2", "digit=0", lang="zh")
    assert "网络已在其余 1,796 个数字上训练了 2 轮" in zh and "这个数字是 0" in zh
    zh = plain("mlp", lang="zh")
    assert "784 个 [0, 1) 之间的随机数（种子 0）" in zh and "256 个中有" in zh and "还没有意义" in zh


def test_mlp_drill_zh():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        assert stepper.current.label.startswith("前向传播完成：网络认为是")
        diagram = widget_text(app, "TextPanel")
        assert "输入" in diagram and "隐藏层 1" in diagram and "合计" in diagram
        lines = diagram.splitlines()
        header = next(line for line in lines if line.startswith("层"))
        assert cell_len(header) == cell_len(lines[lines.index(header) + 1])
        assert app.screen.query_one("InputImage").title == "输入的数字"
        bars = app.screen.query_one("ActivationBars")
        assert bars.xlabel == "神经元" and "values" in bars.series
        plot_fits(bars)
        return True

    assert drill("mlp", ("sizes=64,32,10", "train=2"), size=(100, 32), lang="zh", after=after)


# --- overfitting -----------------------------------------------------------

@pytest.mark.parametrize("tokens", [("epochs=200",), ("epochs=300", "patience=20"), ("optimizer=sgd", "lr=100"),
                                    ("hidden=8", "epochs=100", "l2=0.01", "dropout=0.2")])
def test_overfitting_plain_zh(tokens):
    en, zh = both("overfitting", *tokens)
    assert "tanh 网络" in zh and "个训练点" in zh and "个验证点" in zh
    header = lines_with(zh, "训练损失")[0]
    assert header.strip() == "轮次   训练损失     验证损失"
    rows = [line for line in zh.splitlines() if re.match(r"^\s+\d+\s+\d\.\d{6}", line)]
    for row in rows:      # the numbers start under their column titles
        assert cell_len(header[:header.index("训练损失")]) == row.index(row.split()[1])
        assert cell_len(header[:header.index("验证损失")]) == row.index(row.split()[2])
    if "lr=100" in tokens:
        assert re.search(r"^在第 \d+ 步发散（第 \d+ 轮）：损失爆炸", zh, re.M)   # where once, then why
        assert "diverged" not in zh
    else:
        assert "完成（" in zh and "最终训练损失：" in zh and "最终验证损失：" in zh
    if "patience=20" in tokens:
        assert "早停（耐心值 20）" in zh and "早停：第" in zh and "轮后停止：验证损失已连续 20 轮没有下降" in zh
    if "l2=0.01" in tokens:
        assert "L2 λ = 0.01，dropout p = 0.2" in zh
    else:
        assert "无正则化" in zh or "早停" in zh


def test_overfitting_drill_zh():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        assert stepper.current.label.startswith("完成（")
        assert "按键" in widget_text(app, "Toggles")
        curves = app.screen.query_one("LossCurves")
        assert curves.title == "log10 损失：训练与验证" and curves.xlabel == "轮次"
        assert {s.label for s in curves.series.values()} == {"训练", "验证"}
        fit = app.screen.query_one("FitPlot")
        assert {s.label for s in fit.series.values()} == {"sin x", "网络", "训练点"}
        plot_fits(curves)
        plot_fits(fit)
        return True

    assert drill("overfitting", ("epochs=100",), size=(100, 32), lang="zh", after=after)


# --- conv ------------------------------------------------------------------

@pytest.mark.parametrize("tokens", [(), ("kernel=sharpen", "padding=same", "stride=2", "pool=2"),
                                    ("image=example", "kernel=0,1,2,2,2,0,0,1,2", "padding=full", "pool=3")])
def test_conv_plain_zh(tokens):
    en, zh = both("conv", *tokens)
    assert zh.startswith("卷积实验：")
    assert "卷积核（" in zh and "填充：" in zh and "输出尺寸 = floor(" in zh and "特征图：" in zh
    assert "最大池化结果：" in zh and "平均池化结果：" in zh and "（最大池化结果，逐行）：" in zh
    assert re.search(r"^完成：特征图 \d+×\d+，池化后 \d+×\d+，展平成 \d+ 个数$", zh, re.M)
    assert re.search(r"^最大池化 \d×\d，步幅 \d：", zh, re.M)
    assert "Feature map" not in zh and "Flatten" not in zh


def test_conv_drill_zh():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        while stepper.current.kind != "window":
            stepper.action_back()
            await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "输入（已填充）" in text and "窗口 ⊙ 卷积核" in text and "特征图" in text
        assert app.screen.query_one("#conv-pooled").title == "池化结果"
        return True

    assert drill("conv", ("kernel=sharpen", "padding=same", "stride=2", "pool=2"), lang="zh", after=after)


@pytest.mark.parametrize("tokens, words", [(["kernel=1,2"], "个数组不成正方形的卷积核"), (["kernel=edge"], "请给一个预设"),
                                            (["kernel=1e9"], "每个数都必须是有限数"), (["stride=4", "pool=3"], "实验 conv：")])
def test_conv_bad_kernel_explained_in_chinese(tokens, words):
    from tutor.labs import LabError, get_lab
    from tutor.locale import using

    with using("zh"), pytest.raises(LabError) as info:
        get_lab("conv").from_tokens(tokens)
    assert words in str(info.value)


# --- cnn -------------------------------------------------------------------

@pytest.mark.parametrize("tokens", [("epochs=2", "channels=2"), ("epochs=2", "channels=2", "lr=1e6", "optimizer=sgd")])
def test_cnn_plain_zh(tokens):
    en, zh = both("cnn", *tokens)
    assert zh.startswith("在 8×8 数字上比较 CNN 和 MLP：2 个通道，各训练 2 轮")
    assert "→ 卷积 3×3 →" in zh and "→ 展平 18 → 全连接 10（" in zh
    assert "CNN 第   1 轮：损失 " in zh and "，训练准确率 " in zh
    assert "通道 1：卷积核（偏置 " in zh and "通道 2：测试数字 #0 经过 ReLU 后的特征图" in zh
    if "lr=1e6" in tokens:     # the MLP's loss blows up a million-fold in its first epoch: the run ends there
        assert re.search(r"^MLP 在第 \d+ 步发散（第 1 轮）：损失爆炸", zh, re.M)
    else:
        assert "MLP 第   2 轮：损失 " in zh and "CNN 测试准确率：" in zh and "MLP 测试准确率：" in zh
    assert "epoch" not in zh and "Channel" not in zh


def test_cnn_events_zh():
    events = labels("cnn", "epochs=1", "channels=1", lang="zh")
    assert events[1].startswith("CNN 第 1 轮：损失 ") and "测试准确率" in events[1]
    assert events[2] == "通道 1：学到的卷积核，以及测试数字 #0 的特征图"
    assert events[-1].startswith("完成：CNN 测试准确率 ")


def test_cnn_drill_zh():
    async def after(pilot, app, stepper):
        from tutor.widgets.heatmap import Heatmap

        await run_to_end(pilot, stepper)
        assert stepper.end == "done"
        plot = app.screen.query_one("AccuracyPlot")
        assert plot.title == "测试准确率：CNN 与 MLP" and plot.xlabel == "轮次"
        assert {s.label for s in plot.series.values()} == {"CNN 测试准确率", "MLP 测试准确率"}
        plot_fits(plot)
        assert app.screen.query_one("#cnn-digit", Heatmap).title == "测试数字"
        assert app.screen.query_one("#cnn-kernels", Heatmap).title == "学到的 3×3 卷积核，每个通道一个"
        while stepper.current.kind != "forward":
            stepper.action_back()
        await pilot.pause()
        assert app.screen.query_one("#cnn-kernels", Heatmap).title == "通道 2 的卷积核（共 2 个）"
        assert app.screen.query_one("#cnn-fmaps", Heatmap).title == "通道 2 的特征图"
        return True

    assert drill("cnn", ("epochs=2", "channels=2"), lang="zh", after=after)
