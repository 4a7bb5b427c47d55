"""The perceptron-xor lab's `--plain` output: the perceptron rule's result, the loss table of
the three models, their final outputs and their decision regions as text."""
from __future__ import annotations

from typing import TextIO

import numpy as np

from tutor.labs.kit.text import pad
from tutor.labs.perceptron_xor.models import HIGH, LOW, model_titles


def write_plain(lab, out: TextIO) -> None:
    v, tr = lab.values, lab.tr
    print(tr(f"{lab.title}  (epochs = {v['epochs']}, η = {v['lr']:g}, seed = {v['seed']})",
             f"{lab.title_zh}（训练 {v['epochs']} 轮，η = {v['lr']:g}，种子 = {v['seed']}）"), file=out)
    print(tr("Loss: sigmoid + binary cross-entropy, full-batch gradient descent on the four corners.",
             "损失：sigmoid + 二元交叉熵；在四个角上做全批量梯度下降。"), file=out)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    models = model_titles(lab.lang)
    # the loss table's columns: (heading, width); a heading wider than its numbers widens the column
    heads = [(tr("epoch", "轮次"), 5), (tr("AND one neuron", "AND 单个神经元"), 14),
             (tr("XOR one neuron", "XOR 单个神经元"), 14), (tr("XOR 2-2-1 net", "XOR 2-2-1 网络"), 13)]
    from rich.cells import cell_len

    widths = [max(w, cell_len(h)) for h, w in heads]
    gaps = ("    ", "   ", "   ")
    for e in lab.run():
        val = e.values
        if e.kind == "info" and "and_passes" in val:
            w = f"w = ({val['and_w1']:g}, {val['and_w2']:g})"
            b = f"b = {val['and_b']:g}"
            print(tr(f"Perceptron rule (step activation, η = 1, from w = 0, b = 0): on AND pass "
                     f"{val['and_passes']} is the first without a mistake, {w}, {b}; "
                     f"XOR still {val['xor_last_mistakes']} mistakes in pass {val['xor_passes']}.",
                     f"感知机规则（阶跃激活函数，η = 1，从 w = 0、b = 0 开始）：AND 在第 {val['and_passes']} 遍"
                     f"第一次一个都没错，{w}，{b}；XOR 到第 {val['xor_passes']} 遍还错 "
                     f"{val['xor_last_mistakes']} 个。"), file=out)
            cols = [pad(h, w, right=True) for (h, _), w in zip(heads, widths)]
            print("".join(c + gap for c, gap in zip(cols, gaps)) + cols[-1] + tr("   (loss)", "   （损失）"),
                  file=out)
        elif e.kind == "info" and "epoch" in val and (val["epoch"] % max(1, v["epochs"] // 10) == 0
                                                       or val["epoch"] == 1):
            w = widths
            print(f"{val['epoch']:>{w[0]}}    {val['and1_loss']:>{w[1]}.4f}   {val['xor1_loss']:>{w[2]}.4f}   "
                  f"{val['xor2_loss']:>{w[3]}.4f}", file=out)
        elif e.kind == "diverged":
            print(tr(f"{e.label}: {val['message']}", f"{e.label}：{val['message']}"), file=out)
        elif e.kind == "done":
            print(tr(f"ln 2 = {np.log(2):.4f} (one neuron's best on XOR: y = 0.5 everywhere)",
                     f"ln 2 = {np.log(2):.4f}（单个神经元在 XOR 上最好也只能做到：处处 y = 0.5）"), file=out)
            if val["xor2_acc"] < 1:
                print(tr("The 2-2-1 net is stuck in a local minimum (it happens for about half the seeds): "
                         "try another seed.",
                         "2-2-1 网络卡在了一个局部极小值（大约一半的种子会这样）：换个种子试试。"), file=out)
            for key, title in models:
                pred = e.arrays[f"{key}_pred"]
                cells = ", ".join(f"{int(a)}{int(b)}→{p:.3f}" for (a, b), p in zip(X, pred))
                loss, acc = f"{val[f'{key}_loss']:.4f}", f"{val[f'{key}_acc']:.2f}"
                print(tr(f"{title}: loss {loss}, accuracy {acc}   ({cells})",
                         f"{title}：损失 {loss}，准确率 {acc}   （{cells}）"), file=out)
            for key, title in models:
                print(tr(f"{title}: decision regions (1: y > 0.51, 0: y < 0.49, ?: undecided; "
                         f"x₁ →, x₂ ↑, from {LOW} to {HIGH})",
                         f"{title}：决策区域（1：y > 0.51，0：y < 0.49，?：未定；"
                         f"x₁ →，x₂ ↑，范围 {LOW} 到 {HIGH}）"), file=out)
                for row in e.arrays[key]:
                    print("  " + "".join("1" if p > 0.51 else "0" if p < 0.49 else "?" for p in row), file=out)
