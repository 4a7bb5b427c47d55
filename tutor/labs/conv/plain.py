"""The conv lab's `--plain` output: the image and kernel, the output size, every window's
sum of products, the pooling windows and the flattened vector."""
from __future__ import annotations

from typing import TextIO

from tutor.labs.conv.payload import ImageValues, PoolingValues, PoolValues, SizeValues, WindowValues
from tutor.labs.digits import a_digit
from tutor.labs.kit.captions import caption
from tutor.labs.kit.training import grid, num
from tutor.locale import t


def write_plain(lab, out: TextIO) -> None:
    v = lab.values
    for e in lab.run():
        a = e.arrays
        if e.kind == "info" and ImageValues.of(e) is not None:
            label = ImageValues.of(e).label
            what = (t("the 5×5 example image") if label is None
                    else t("digit #{index} ({digit})", index=v["digit"], digit=a_digit(label)))
            print(t("Convolution lab: {what}, kernel {kernel}, padding {padding}, stride {stride}, "
                    "pooling {pool}×{pool}", what=what, kernel=v["kernel"], padding=v["padding"],
                    stride=v["stride"], pool=v["pool"]), file=out)
            print(t("Image ({side}×{side}):", side=lab.side), file=out)
            print("\n".join("  " + line for line in grid(a["image"])), file=out)
            k = lab.kernel.shape[0]
            print(t("Kernel ({k}×{k}):", k=k), file=out)
            print("\n".join("  " + line for line in grid(a["kernel"])), file=out)
            print(t("y[i,j] = sum over u,v of x[i+u, j+v] * k[u,v] + b  (b = 0; the kernel is not flipped)"),
                  file=out)
        elif e.kind == "info" and SizeValues.of(e) is not None:
            size = SizeValues.of(e)
            p, s, k = size.padding, size.stride, lab.kernel.shape[0]
            print(t("Padding: {padding}, P = {p} zero(s) on each side; stride S = {s}",
                    padding=v["padding"], p=p, s=s), file=out)
            sum_ = f"floor((M + 2P - K) / S) + 1 = floor(({lab.side} + 2*{p} - {k}) / {s}) + 1 = {size.h_out}"
            shape = f"{size.h_out}×{size.w_out}"
            print(t("Output size = {sum}  -> feature map {shape}", sum=sum_, shape=shape), file=out)
        elif e.kind == "window":
            w, kk, at = a["window"], a["kernel"], WindowValues.of(e)
            terms = " + ".join(f"{_f(x)}*{_f(y)}" for x, y in zip(w.ravel(), kk.ravel()))
            print(f"y[{at.row},{at.col}] = {terms} = {num(at.value)}", file=out)
            if at.row == lab.out - 1 and at.col == lab.out - 1:
                print(t("Feature map:"), file=out)
                print("\n".join("  " + line for line in grid(a["feature_map"])), file=out)
        elif e.kind == "info" and PoolingValues.of(e) is not None:
            print(e.label, file=out)
        elif e.kind == "pool":
            w, at = a["window"], PoolValues.of(e)
            listed = ", ".join(num(x) for x in w.ravel())
            how = "max" if at.mode == "max" else "mean"
            print(f"{at.mode}[{at.row},{at.col}] = {how}({listed}) = {num(at.value)}",
                  file=out)
            if at.row == lab.pooled_size - 1 and at.col == lab.pooled_size - 1:
                print(t("Max-pooled map:") if at.mode == "max" else t("Average-pooled map:"), file=out)
                print("\n".join("  " + line for line in grid(a["pooled"])), file=out)
        elif e.kind == "flatten":
            print(t("{flatten} (max-pooled, row by row): {numbers}", flatten=caption(e),
                    numbers=", ".join(num(x) for x in a["vector"])), file=out)
        elif e.kind == "done":
            print(e.label, file=out)


def _f(x: float) -> str:
    """A factor in a printed product: negative numbers in brackets."""
    s = num(x)
    return f"({s})" if s.startswith("-") else s
