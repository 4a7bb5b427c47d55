"""The neuron labs (neuron, activations, losses, backprop) in Chinese.

For each lab: the Chinese plain output and event labels carry exactly the
numbers of the English ones (translation changes words, never numbers), they
hold the Chinese phrases the lab writes, columns still line up in terminal
cells, and the Chinese app steps the lab with Chinese panels.
"""
from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from labs2_pilot import drill, screen_text, settle
from zh_check import NUMBER, both, han, labels, make, numbers, plain, plots_fit


def both_labels(name: str, *tokens: str) -> tuple[str, str]:
    """English and Chinese event labels (one a line): the same numbers, Chinese only in the zh ones."""
    en, zh = "\n".join(labels(name, *tokens)), "\n".join(labels(name, *tokens, lang="zh"))
    assert numbers(zh) == numbers(en)
    assert not han(en) and han(zh)
    return en, zh


# --- neuron ------------------------------------------------------------------

@pytest.mark.parametrize("tokens", [(), ("b=-1",), ("b=-1", "activation=step0"),
                                    ("w1=0.4", "w2=-0.2", "b=0.1", "activation=sigmoid"),
                                    ("w1=0", "w2=0", "b=1"), ("w1=1", "w2=0", "b=-0.5")])
def test_neuron_plain_zh_same_numbers(tokens):
    en, zh = both("neuron", *tokens)
    both_labels("neuron", *tokens)
    assert "神经元：u = w1 x1 + w2 x2 + b" in zh and "激活函数用" in zh and "门槛：" in zh
    lines = zh.splitlines()
    header = lines[1]
    assert "输出" in header
    # the table's "|" columns line up in terminal cells with the wider Chinese header
    bars = [i for i, ch in enumerate(header) if ch == "|"]
    cells = [cell_len(header[:i]) for i in bars]
    for row in lines[2:6]:
        assert [i for i, ch in enumerate(row) if ch == "|"] == cells


def test_neuron_zh_phrases():
    zh = plain("neuron", "b=-1", lang="zh")
    assert "输出 0, 0, 0, 1：实现的是 AND" in zh
    assert "输入 (0, 1)、(1, 0) 的 u = 0：正好压在门槛上" in zh and "这个神经元实现的是 OR" in zh
    assert "决策线：x2 = 1 - 1·x1" in zh
    assert "安全余量：离门槛最近的输入 |u| = 0.5" in plain("neuron", lang="zh")
    assert "实现的不是 AND、OR、NAND、NOR、XOR 中的任何一个" in plain("neuron", "w1=0", "w2=0", "b=1", lang="zh")
    events = "\n".join(labels("neuron", "b=-1", lang="zh"))
    assert "一个神经元，激活函数用阶跃函数（u > 0 时 y = 1，否则 y = 0）" in events
    assert "输入 (0, 1)：u = 0.00，y = 0（正好压在门槛上）" in events
    assert "偏置就是门槛：w·x > −b = 1.00 时神经元激活" in events


def test_neuron_zh_app():
    async def after(pilot, app, stepper):
        from textual.widgets import Static

        note = str(app.screen.query_one("#neuron-note", Static).render())
        assert "实现的是 AND" in note and "决策线" in note and "正好压在门槛上" in note
        assert "（w：选参数，h/l：−/+0.1）" in screen_text(app)
        assert "输入" in stepper.current.label
        await pilot.press("l")                       # b: -1 -> -0.9: OR, a clean margin
        await settle(pilot)
        note = str(app.screen.query_one("#neuron-note", Static).render())
        assert "实现的是 OR" in note and "安全余量" in note
        plots_fit(app, "#neuron-plot")

    drill("neuron", ("b=-1",), lang="zh", size=(120, 40), after=after)


# --- activations ---------------------------------------------------------------

@pytest.mark.parametrize("tokens", [(), ("z=-3",), ("fn=leaky_relu", "alpha=0.005"), ("fn=softmax", "others=2,0,-1"),
                                    ("span=2", "flat=0.5")])
def test_activations_plain_zh_same_numbers(tokens):
    en, zh = both("activations", *tokens)
    both_labels("activations", *tokens)
    assert "激活函数在 z = " in zh and "平坦指 |f'(z)| <" in zh and "搜索范围 [" in zh
    assert "最大 |f'| = " in zh and "平坦区：" in zh


def test_activations_zh_phrases():
    zh = plain("activations", lang="zh")
    assert "sigmoid：f(2) = 0.880797，f'(2) = 0.104994" in zh
    assert "平坦区：z < -4.5849 或 z > 4.5849" in zh
    assert "leaky_relu（alpha = 0.01）：" in zh and "平坦区：无" in zh
    assert "softmax（others = 1, 0）：" in zh
    assert "平坦区：整个显示范围" in plain("activations", "span=2", "flat=0.5", lang="zh")
    events = list(make("activations", lang="zh").run())
    assert events[5].label.startswith("GELU（tanh 近似）：f(2.00) = 1.9546，f'(2.00) = 1.0861；平坦区（|f'| < 0.01）：")
    assert "其余输入 = 1, 0" in events[6].label
    assert events[-1].label.startswith("最大斜率：Sigmoid 0.25，Tanh 1，")
    assert r"\text{ 时），否则 }" in events[2].formula and "if" not in events[2].formula
    # the English formulas are untouched
    assert r"\text{ if }" in list(make("activations").run())[2].formula


def test_activations_zh_app():
    async def after(pilot, app, stepper):
        from textual.widgets import Static

        readout = str(app.screen.query_one("#activations-readout", Static).render())
        assert "最大斜率" in readout and "平坦区" in readout and "按键：h/l 移动 z" in readout
        await pilot.press("0")                                   # reset, then step to ELU
        await settle(pilot)
        for _ in range(10):
            if stepper.current.values.get("name") == "elu":
                break
            await pilot.press("space")
            await settle(pilot, 2)
        assert stepper.current.values.get("name") == "elu"
        await pilot.press("[")                                   # α of ELU halved
        await settle(pilot)
        assert "α = 0.5" in app.screen.query_one("#activations-plot").title
        plots_fit(app, "#activations-plot")
        for _ in range(25):                                      # z walks into ELU's flat tail
            await pilot.press("h")
        await settle(pilot)
        readout = str(app.screen.query_one("#activations-readout", Static).render())
        assert "光标在平坦区" in readout

    drill("activations", lang="zh", size=(120, 40), after=after)


# --- losses --------------------------------------------------------------------

@pytest.mark.parametrize("tokens", [(), ("p=0.5,0.99", "logits=1,2,3,4", "target=2"), ("logits=-3,0.5", "target=1")])
def test_losses_plain_zh_same_numbers(tokens):
    en, zh = both("losses", *tokens)
    both_labels("losses", *tokens)
    assert zh.startswith("损失函数：均方误差与交叉熵\n本课程的约定")
    assert "（不带 ½：" in zh and "没有哪一种统一的约定" in zh and "目标类别" in zh
    # the softmax table: every number ends under the end of its column title (in terminal cells)
    lines = zh.splitlines()
    header = next(line for line in lines if "有限差分" in line)
    ends = [cell_len(header[:m.end()]) for m in re.finditer(r"\S+(?: \S+)*", header)]   # titles: 2+ spaces apart
    assert len(ends) == 6
    for row in lines[lines.index(header) + 1:lines.index(header) + 1 + len(en.split("logits z = (")[1].split(")")[0].split(","))]:
        assert [m.end() for m in NUMBER.finditer(row)] == ends


def test_losses_zh_phrases():
    zh = plain("losses", lang="zh")
    assert "p = 0.8：MSE = ½(1 − p)² = 0.0200（不带 ½：0.0400）   CE = −ln p = 0.2231" in zh
    assert "Softmax + 交叉熵，logits z = (2, 1, 0.1)，目标类别 0：" in zh
    # the second line of each p starts under "MSE"
    lines = zh.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("p = 0.8："))
    assert cell_len(lines[first + 1]) - cell_len(lines[first + 1].lstrip()) == cell_len("p = 0.8：")
    events = labels("losses", lang="zh")
    assert events[:3] == ["两种损失，p 是网络给真实类别的概率", "p = 0.8：两种损失", "p = 0.8：对 logit z 的梯度"]
    assert "类别 0 的交叉熵" in events and "softmax + 交叉熵的梯度：ŷ − t" in events
    assert events[-1].startswith("完成：")


def test_losses_zh_app():
    async def after(pilot, app, stepper):
        bars = str(app.screen.query_one("#softmax-bars").render())
        assert "softmax + 交叉熵   h/l：选 z，k/j：增大/减小" in bars and "（目标类别 0）" in bars
        text = screen_text(app)
        assert "损失 E 随 p 的变化" in text and "p（真实类别的概率）" in text and "上一个 logit" in text
        plots_fit(app, "LossCurves")

    drill("losses", lang="zh", size=(120, 45), after=after)


# --- backprop --------------------------------------------------------------------

@pytest.mark.parametrize("tokens", [(), ("iterations=3",), ("iterations=2000", "lr=2")])
def test_backprop_plain_zh_same_numbers(tokens):
    en, zh = both("backprop", *tokens)
    both_labels("backprop", *tokens)
    assert zh.startswith("手算反向传播：2-2-2 网络（η = ")
    assert "偏置 b1 = 0.35 和 b2 = 0.60 固定不变" in zh and "=== 第 1 次迭代 ===" in zh
    # the engine's captions come through the shared phrase table
    assert "Dense 1 前向传播：" in zh and "损失：" in zh and "更新 Dense 2 的 W：" in zh
    assert "forward" not in zh and "iteration" not in zh.replace("iterations=", "")


def test_backprop_zh_phrases():
    zh = plain("backprop", "iterations=2000", lang="zh")
    assert "第 100 次迭代：E_total = " in zh and "完成：2000 次迭代" in zh
    events = labels("backprop", "iterations=3", lang="zh")
    assert events[-3:-1] == ["第 2 次迭代：E_total = 0.291027774", "第 3 次迭代：E_total = 0.283547133"]
    assert events[-1] == "完成：3 次迭代，E_total = 0.275943289"
    assert labels("backprop", lang="zh")[-1] == "完成：1 次迭代，E_total = 0.291027774"


def test_backprop_zh_app():
    async def after(pilot, app, stepper):
        from textual.widgets import Static

        await pilot.press("0")
        await settle(pilot)
        for _ in range(9):                                       # to the first weight update
            await pilot.press("space")
            await settle(pilot, 2)
        assert stepper.current.kind == "update"
        diagram = str(app.screen.query_one("#backprop-diagram", Static).render())
        assert "偏置 b1 = 0.35、b2 = 0.60 固定不变" in diagram
        chain = str(app.screen.query_one("#backprop-chain", Static).render())
        assert "w1 ← w1 − η·∂E/∂w1 = 0.150000 − 0.5×0.000438568" in chain
        text = screen_text(app)
        assert "总误差 E_total" in text and "迭代次数" in text and "更新 Dense 1 的 W" in text
        plots_fit(app, "#backprop-error")
        for _ in range(8):                                       # to the summary events
            await pilot.press("space")
            await settle(pilot, 2)
        chain = str(app.screen.query_one("#backprop-chain", Static).render())
        assert "次迭代后）" in chain

    drill("backprop", ("iterations=5",), lang="zh", size=(120, 45), after=after)
