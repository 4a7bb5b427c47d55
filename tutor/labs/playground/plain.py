"""The playground's `--plain` output: the settings, a loss table every tenth of the
run, the final scores and the decision regions as text."""
from __future__ import annotations

from typing import TextIO

from tutor.labs.kit.text import pad
from tutor.labs.playground.regions import region_lines
from tutor.labs.playground.trainer import Trainer


def write_plain(lab, out: TextIO) -> None:
    from rich.cells import cell_len

    v, tr = lab.values, lab.tr
    print(tr(f"Playground: {v['data']} (noise {v['noise']:g}, {v['n']} points, test fraction {v['test']:g}), "
             f"hidden {v['hidden'] or 'none'}, {v['activation']}, {v['optimizer']} η = {v['lr']:g}, "
             f"batch {v['batch']}, L2 {v['l2']:g}, {v['epochs']} epochs, seed {v['seed']}",
             f"游乐场：{v['data']}（噪声 {v['noise']:g}，{v['n']} 个点，测试比例 {v['test']:g}），"
             f"隐藏层 {v['hidden'] or '无'}，{v['activation']}，{v['optimizer']} η = {v['lr']:g}，"
             f"批量 {v['batch']}，L2 {v['l2']:g}，{v['epochs']} 轮，种子 {v['seed']}"), file=out)
    t = Trainer(v, lab.lang)
    layers = "-".join(["2", *map(str, t.sizes), "1"])
    print(tr(f"{len(t.Xtr)} training points, {len(t.Xte)} test points; network {layers}, "
             f"{t.net.param_count()} parameters; {t.batches_per_epoch} steps per epoch",
             f"{len(t.Xtr)} 个训练点，{len(t.Xte)} 个测试点；网络 {layers}，"
             f"{t.net.param_count()} 个参数；每轮 {t.batches_per_epoch} 步"), file=out)
    every = max(1, t.max_epochs // 10)
    # the table's columns: (heading, width); a heading wider than its numbers widens the column
    heads = [(tr("epoch", "轮次"), 5), (tr("train loss", "训练损失"), 10), (tr("test loss", "测试损失"), 9),
             (tr("train acc", "训练准确率"), 9), (tr("test acc", "测试准确率"), 8)]
    widths = [max(w, cell_len(h)) for h, w in heads]
    print("   ".join(pad(h, w, right=True) for (h, _), w in zip(heads, widths)), file=out)
    while not t.finished:
        t.train_batch()
        if t.curve and t.curve[-1][0] % every == 0 and t.position == 0 and t.diverged_at is None:
            e, trl, tel, tra, tea = t.curve[-1]
            w = widths
            print(f"{e:>{w[0]}}   {trl:>{w[1]}.4f}   {tel:>{w[2]}.4f}   {tra:>{w[3]}.3f}   {tea:>{w[4]}.3f}",
                  file=out)
    if t.diverged_at is not None:
        print(tr(f"Diverged at step {t.diverged_at} (epoch {t.diverged_epoch}): {t.why}; "
                 "try a smaller learning rate.",
                 f"在第 {t.diverged_at} 步发散（第 {t.diverged_epoch} 轮）：{t.why}；试试更小的学习率。"), file=out)
        return
    scores = t.evaluate()
    trl, tel, tra, tea = f"{scores[0]:.4f}", f"{scores[1]:.4f}", f"{scores[2]:.3f}", f"{scores[3]:.3f}"
    print(tr(f"Final: train loss {trl}, test loss {tel}, train accuracy {tra}, test accuracy {tea}",
             f"最终：训练损失 {trl}，测试损失 {tel}，训练准确率 {tra}，测试准确率 {tea}"), file=out)
    print(tr("Decision regions (1: predicted class 1, ·: class 0; X/O: training points of class 1/0, "
             "x/o: test points)",
             "决策区域（1：预测为类别 1，·：类别 0；X/O：类别 1/0 的训练点，x/o：测试点）"), file=out)
    for line in region_lines(t):
        print("  " + line, file=out)
