"""Labs perceptron-xor and playground in Chinese: the same numbers as in English,
the Chinese words, tables aligned in terminal cells, and the Chinese app panels."""
from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from labs2_pilot import drill, run_to_end, settle
from zh_check import both, han, labels, numbers, plain, plot_fits, widget_text


def right_edges(line: str) -> list[int]:
    """The terminal cell where each space-separated item of a line ends."""
    edges, cells = [], 0
    for part in re.split(r"( +)", line):
        cells += cell_len(part)
        if part.strip():
            edges.append(cells)
    return edges


CASES = [("perceptron-xor", ("epochs=200",)), ("perceptron-xor", ("lr=1e6",)),
         ("perceptron-xor", ("seed=0", "epochs=300")),
         ("playground", ("epochs=20",)), ("playground", ("lr=50",)), ("playground", ("data=xor", "hidden=0", "epochs=10"))]


@pytest.mark.parametrize("name, tokens", CASES)
def test_plain_zh_has_the_same_numbers(name, tokens):
    en, zh = both(name, *tokens)                    # the same numbers, the same lines
    assert en != zh
    assert not re.search(r"\b(epoch|loss|accuracy|points|Diverged|Final|decision)\b", zh), zh


@pytest.mark.parametrize("name, tokens", CASES)
def test_event_labels_zh_have_the_same_numbers(name, tokens):
    en, zh = labels(name, *tokens), labels(name, *tokens, lang="zh")
    assert len(en) == len(zh)
    for a, b in zip(en, zh):
        assert numbers(a) == numbers(b), (a, b)
        assert han(b), b


def test_perceptron_xor_plain_zh_words_and_columns():
    zh = plain("perceptron-xor", "epochs=200", lang="zh")
    assert "单个神经元与异或问题" in zh and "（训练 200 轮，η = 1，种子 = 1）" in zh
    assert "AND 在第 6 遍第一次一个都没错，w = (2, 1)，b = -2；XOR 到第 100 遍还错 4 个。" in zh
    assert "XOR · 2-2-1 网络：损失" in zh and "准确率 1.00" in zh
    assert "XOR · 单个神经元：决策区域（1：y > 0.51，0：y < 0.49，?：未定" in zh
    lines = zh.splitlines()
    k = next(i for i, line in enumerate(lines) if line.lstrip().startswith("轮次"))
    head = right_edges(lines[k].replace("AND 单", "AND_单").replace("XOR 单", "XOR_单")
                       .replace("XOR 2-2-1 网络", "XOR_2-2-1_网络"))
    assert head[:4] == right_edges(lines[k + 1]), (lines[k], lines[k + 1])
    stuck = plain("perceptron-xor", "seed=0", "epochs=300", lang="zh")
    assert "2-2-1 网络卡在了一个局部极小值" in stuck and "换个种子试试" in stuck
    diverged = plain("perceptron-xor", "lr=1e6", lang="zh")
    assert re.search(r"在第 \d+ 步发散（AND · 单个神经元）：AND · 单个神经元的损失涨到了", diverged)
    assert "试试更小的学习率" in diverged


def test_playground_plain_zh_words_and_columns():
    zh = plain("playground", "epochs=20", lang="zh")
    assert zh.startswith("游乐场：circles（噪声 0.1，200 个点，测试比例 0.3），隐藏层 4,4")
    assert "140 个训练点，60 个测试点；网络 2-4-4-1，37 个参数；每轮 14 步" in zh
    assert "最终：训练损失" in zh and "测试准确率" in zh and "决策区域（1：预测为类别 1" in zh
    lines = zh.splitlines()
    k = next(i for i, line in enumerate(lines) if line.lstrip().startswith("轮次"))
    assert right_edges(lines[k]) == right_edges(lines[k + 1]), (lines[k], lines[k + 1])
    diverged = plain("playground", "lr=50", lang="zh")
    assert "在第 28 步发散（第 2 轮）：训练损失涨到了 14.7，超过开始时 0.852 的 10 倍；试试更小的学习率。" in diverged


def test_cli_lang_zh(capsys):
    from tutor.cli import main

    main(["lab", "--plain", "--lang", "zh", "playground", "epochs=3", "n=40"])
    out = capsys.readouterr().out
    assert "游乐场" in out and "每轮" in out


def test_perceptron_xor_app_zh():
    async def after(pilot, app, stepper):
        await run_to_end(pilot, stepper)
        await pilot.pause(0.4)
        await settle(pilot)
        assert stepper.current.label.startswith("完成：在 XOR 上，单个神经元准确率")
        summary = widget_text(app, "#perceptron-summary")
        assert "第 200 轮" in summary and "损失" in summary and "准确率" in summary
        assert app.screen.query_one("#regions-xor2").title == "XOR，2-2-1 网络"
        plot = app.screen.query_one("#perceptron-loss")
        assert len(plot.series["XOR · 2-2-1 net"].x) >= 5          # keyed in English, labelled in Chinese
        assert "网" in plot.series["XOR · 2-2-1 net"].label
        plot_fits(plot)
        return True

    assert drill("perceptron-xor", ("epochs=200",), steps=3, size=(100, 32), lang="zh", after=after)


def test_playground_app_zh():
    async def after(pilot, app, stepper):
        view = app.screen.query_one("#playground")
        await pilot.pause(0.4)
        await settle(pilot)
        counters = widget_text(app, "#playground-counters")
        assert "隐藏层 [4] 4 · tanh" in counters and "h l：选一层" in counters
        assert re.search(r"第 \d+ 轮 · 第 \d+ 步 · 损失：训练 \d\.\d{3}，测试 \d\.\d{3}", counters), counters
        assert view.query_one("BoundaryMap").title.startswith("决策区域")
        label = stepper.history[1].label       # a snapshot mid-epoch, or at an epoch's end
        assert re.match(r"第 \d+ 步(（第 \d+ 轮，第 \d+/14 批）|：第 \d+ 轮完成)，这批的损失 \d\.\d{4}$", label), label
        plot = app.screen.query_one("#playground-loss")
        assert plot.series["train"].x and "训" in plot.series["train"].label
        plot_fits(plot)
        await pilot.press("x", "x")                   # remove both layers: "无"
        await settle(pilot)
        assert view.lab.sizes == [] and "隐藏层 无" in widget_text(app, "#playground-counters")
        return True

    assert drill("playground", ("epochs=30",), steps=4, size=(100, 32), lang="zh", after=after)
