"""The conv lab's `--plain` output: the image and kernel, the output size, every window's
sum of products, the pooling windows and the flattened vector."""
from __future__ import annotations

from typing import TextIO

from tutor.labs.kit.engine_zh import engine_text
from tutor.labs.kit.training import a_digit, grid, num


def write_plain(lab, out: TextIO) -> None:
    v = lab.values
    for e in lab.run():
        a, val = e.arrays, e.values
        if e.kind == "info" and "label" in val:
            what = (lab.tr("the 5×5 example image", "5×5 示例图像") if val["label"] is None
                    else lab.tr(f"digit #{v['digit']} ({a_digit(val['label'])})",
                                f"数字 #{v['digit']}（写的是 {val['label']}）"))
            pool = f"{v['pool']}×{v['pool']}"
            print(lab.tr(f"Convolution lab: {what}, kernel {v['kernel']}, "
                         f"padding {v['padding']}, stride {v['stride']}, pooling {pool}",
                         f"卷积实验：{what}，卷积核 {v['kernel']}，"
                         f"填充 {v['padding']}，步长 {v['stride']}，池化 {pool}"), file=out)
            print(lab.tr(f"Image ({lab.side}×{lab.side}):", f"图像（{lab.side}×{lab.side}）："), file=out)
            print("\n".join("  " + line for line in grid(a["image"])), file=out)
            k = lab.kernel.shape[0]
            print(lab.tr(f"Kernel ({k}×{k}):", f"卷积核（{k}×{k}）："), file=out)
            print("\n".join("  " + line for line in grid(a["kernel"])), file=out)
            print(lab.tr("y[i,j] = sum over u,v of x[i+u, j+v] * k[u,v] + b  (b = 0; the kernel is not flipped)",
                         "y[i,j] = 对所有 u,v 求和 x[i+u, j+v] * k[u,v]，再加 b（b = 0；卷积核不翻转）"),
                  file=out)
        elif e.kind == "info" and "h_out" in val:
            p, s, k = val["padding"], val["stride"], lab.kernel.shape[0]
            print(lab.tr(f"Padding: {v['padding']}, P = {p} zero(s) on each side; stride S = {s}",
                         f"填充：{v['padding']}，每边补 P = {p} 圈零；步长 S = {s}"), file=out)
            sum_ = f"floor((M + 2P - K) / S) + 1 = floor(({lab.side} + 2*{p} - {k}) / {s}) + 1 = {val['h_out']}"
            shape = f"{val['h_out']}×{val['w_out']}"
            print(lab.tr(f"Output size = {sum_}  -> feature map {shape}",
                         f"输出尺寸 = {sum_}  -> 特征图 {shape}"), file=out)
        elif e.kind == "window":
            w, kk = a["window"], a["kernel"]
            terms = " + ".join(f"{_f(x)}*{_f(y)}" for x, y in zip(w.ravel(), kk.ravel()))
            print(f"y[{val['row'] + 1},{val['col'] + 1}] = {terms} = {num(val['value'])}", file=out)
            if val["row"] == lab.out - 1 and val["col"] == lab.out - 1:
                print(lab.tr("Feature map:", "特征图："), file=out)
                print("\n".join("  " + line for line in grid(a["feature_map"])), file=out)
        elif e.kind == "info" and "mode" in val:
            print(e.label, file=out)
        elif e.kind == "pool":
            w = a["window"]
            listed = ", ".join(num(x) for x in w.ravel())
            how = "max" if val["mode"] == "max" else "mean"
            print(f"{val['mode']}[{val['row'] + 1},{val['col'] + 1}] = {how}({listed}) = {num(val['value'])}",
                  file=out)
            if val["row"] == lab.pooled_size - 1 and val["col"] == lab.pooled_size - 1:
                print(lab.tr("Max-pooled map:", "最大池化结果：") if val["mode"] == "max"
                      else lab.tr("Average-pooled map:", "平均池化结果："), file=out)
                print("\n".join("  " + line for line in grid(a["pooled"])), file=out)
        elif e.kind == "flatten":
            print(engine_text(e.label, lab.lang) + lab.tr(" (max-pooled, row by row): ", "（最大池化结果，逐行）：")
                  + ", ".join(num(x) for x in a["vector"]), file=out)
        elif e.kind == "done":
            print(e.label, file=out)


def _f(x: float) -> str:
    """A factor in a printed product: negative numbers in brackets."""
    s = num(x)
    return f"({s})" if s.startswith("-") else s
