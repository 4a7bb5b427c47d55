"""Chinese for the captions the engine writes.

The engine stays pure NumPy and English (a student reads it next to the
lesson); its event labels and stopping messages are short fixed phrases with
numbers in them.  This table turns each phrase into Chinese for a student
whose language is zh, keeping every number as the engine printed it.  Labels
a lab writes itself are already in the student's language (`Lab.tr`) and pass
through unchanged, as does anything the table does not know.

    engine_text("Iteration 3", "zh")  ->  "第 3 次迭代"
"""
from __future__ import annotations

import re

N = r"(-?[\d.]+(?:e[-+]?\d+)?)"          # a number as the engine prints it
LAYER = r"([A-Z][A-Za-z]* \d+)"           # a layer name from Sequential.labels(): "Dense 1"

# Phrases inside longer messages (stopping rules, divergence reasons), translated wherever they appear.
PHRASES = [
    (r"stopped after epoch (\d+): ", r"第 \1 轮后停止："),
    (rf"reached the maximum of {N} epochs", r"达到最多 \1 轮"),
    (rf"loss change {N} < {N}", r"损失变化 \1 < \2"),
    (rf"gradient norm {N} < {N}", r"梯度范数 \1 < \2"),
    (rf"parameter change {N} < {N}", r"参数变化 \1 < \2"),
    (r"validation loss has not improved for (\d+) epochs; kept the weights of epoch (\d+)",
     r"验证损失已连续 \1 轮没有下降；保留第 \2 轮的权重"),
    (r"diverged at step (\d+) \(epoch (\d+), batch (\d+)\): ", r"在第 \1 步发散（第 \2 轮，第 \3 批）："),
    (r"the loss blew up \(inf, nan, or a million-fold\); weights restored to the start of epoch (\d+)"
     r" — try a smaller learning rate",
     r"损失爆炸（inf、nan 或增大到一百万倍）；权重已恢复到第 \1 轮开始时，请换一个更小的学习率"),
    (r"x or f\(x\) ran off to infinity; try a smaller learning rate", "x 或 f(x) 趋向无穷，请换一个更小的学习率"),
    (r"the gradient is not a finite number here", "这里的梯度不是有限数"),
    (r"f is not a finite number at the start point", "起点处的 f 不是有限数"),
    (r"x is so large that x \+ h = x in floating point; try a smaller learning rate",
     "x 太大，浮点运算中 x + h = x，请换一个更小的学习率"),
]

# Whole labels, matched from the start.
LABELS = [
    (r"Iteration (\d+)$", r"第 \1 次迭代"),
    (r"Minimum found$", "找到最小值"),
    (r"Stopped after (\d+) iterations$", r"迭代 \1 次后停止"),
    (r"Diverged at iteration (\d+): ", r"在第 \1 次迭代发散："),
    (rf"Start at x = {N}$", r"从 x = \1 出发"),
    (rf"Start at \({N}, {N}\)$", r"从 (\1, \2) 出发"),
    (r"The gradient changed sign: halve the learning rate$", "梯度变号：学习率减半"),
    (r"The gradient turned back: halve the learning rate$", "梯度掉头：学习率减半"),
    (rf"Step (\d+): L = {N}$", r"第 \1 步：L = \2"),
    (r"Fitted after (\d+) steps$", r"\1 步后拟合完成"),
    (r"Diverged at step (\d+): try a smaller learning rate$", r"在第 \1 步发散：请换一个更小的学习率"),
    # convolution and pooling
    (r"Pad with 0 zero\(s\); the output is (\d+)×(\d+)$", r"补 0 圈（即不补零）；输出为 \1×\2"),
    (r"Pad with (\d+) zero\(s\); the output is (\d+)×(\d+)$", r"四周补 \1 圈零；输出为 \2×\3"),
    (r"Window at row (\d+), column (\d+)$", r"窗口位于第 \1 行、第 \2 列"),
    (r"Max pool at row (\d+), column (\d+)$", r"最大池化：第 \1 行、第 \2 列"),
    (r"Average pool at row (\d+), column (\d+)$", r"平均池化：第 \1 行、第 \2 列"),
    (r"Flatten ([\d×]+) into (\d+) numbers?$", r"把 \1 展平成 \2 个数"),
    (r"ReLU on the feature map$", "对特征图做 ReLU"),
    (r"Done: (\d+) features for the dense layers$", r"完成：\1 个特征送入全连接层"),
    # a training step (engine.stepping) and a run (engine.training)
    (rf"{LAYER} forward$", r"\1 前向传播"),
    (rf"{LAYER} backward$", r"\1 反向传播"),
    (rf"Update (\w+) of {LAYER}$", r"更新 \2 的 \1"),
    (r"Loss is not finite$", "损失不是有限数"),
    (r"Loss$", "损失"),
    (r"Epoch (\d+)$", r"第 \1 轮"),
    (r"Diverged$", "发散"),
    (r"Done$", "完成"),
    # the backprop example
    (r"Weights after iteration (\d+)$", r"第 \1 次迭代后的权重"),
    (r"Done: (\d+) iteration\(s\)$", r"完成：\1 次迭代"),
    # a recurrent cell, gate by gate
    (r"t = (\d+): ", r"t = \1："),
    (r"Done: (\d+) time steps$", r"完成：\1 个时间步"),
]

GATES = {
    "hidden state h_t": "隐藏状态 h_t", "output y_t": "输出 y_t", "forget gate f_t": "遗忘门 f_t",
    "input gate i_t (coupled)": "输入门 i_t（与遗忘门耦合）", "input gate i_t": "输入门 i_t",
    "candidate C~_t": "候选值 C~_t", "cell state C_t": "细胞状态 C_t", "output gate o_t": "输出门 o_t",
    "update gate z_t": "更新门 z_t", "reset gate r_t": "重置门 r_t", "candidate h~_t": "候选值 h~_t",
}

_PHRASES = [(re.compile(p), r) for p, r in PHRASES]
_LABELS = [(re.compile(p), r) for p, r in LABELS]


def engine_text(text: str, lang: str) -> str:
    """`text` (an engine label or message) in `lang`; unknown text comes back unchanged."""
    if lang != "zh" or not text:
        return text
    for pattern, replacement in _LABELS:
        match = pattern.match(text)
        if match:
            text = match.expand(replacement) + text[match.end():]
            break
    head, sep, gate = text.partition("：")
    if head.startswith("t = ") and gate in GATES:
        text = head + sep + GATES[gate]
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    return text

