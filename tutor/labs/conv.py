"""Lab `conv`: a 3×3 kernel slides over an 8×8 digit, window by window.

The run is the engine's (engine/conv_steps.py): the output-size formula with
its numbers, every window's multiply-add, then max and average pooling
window by window and the flatten.  Pixels keep the dataset's 0..16 scale so
every product is a whole number a student can check by hand.
"""
from __future__ import annotations

import math
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event
from tutor.labs._labs2 import grid, num, numbered
from tutor.labs.base import Lab, LabError, Param

KERNELS = {
    "vertical": [[1, 0, -1], [1, 0, -1], [1, 0, -1]],      # bright left, dark right -> positive
    "horizontal": [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],    # bright above, dark below -> positive
    "blur": [[1 / 9] * 3] * 3,                             # the mean of the window
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],      # the centre against its neighbours
    "identity": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
}


# the 5×5 worked example of lesson 18 (its kernel: kernel=0,1,2,2,2,0,0,1,2 gives y_11 = 12)
EXAMPLE = np.array([[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]], float)


def parse_kernel(text: str) -> np.ndarray:
    """A preset name or K·K numbers separated by commas (row by row)."""
    key = text.strip().lower()
    if key in KERNELS:
        return np.array(KERNELS[key], dtype=float)
    parts = [p for p in key.replace(";", ",").replace(" ", ",").split(",") if p]
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise LabError(f"kernel={text!r}: give a preset ({', '.join(KERNELS)}) "
                       "or numbers separated by commas, e.g. kernel=1,0,-1,1,0,-1,1,0,-1") from None
    k = math.isqrt(len(numbers))
    if k * k != len(numbers) or not 1 <= k <= 5:
        raise LabError(f"kernel={text!r}: {len(numbers)} numbers do not make a square kernel "
                       "(give 9 numbers for 3×3, 4 for 2×2, 25 for 5×5)")
    if not all(math.isfinite(v) and abs(v) <= 1e6 for v in numbers):
        raise LabError(f"kernel={text!r}: every number must be finite and at most 1e6 in size")
    return np.array(numbers, dtype=float).reshape(k, k)


class ConvLab(Lab):
    name = "conv"
    title = "Convolution, pooling and flatten, window by window"
    title_zh = "卷积、池化与展平：逐个窗口"
    summary = "Slide a kernel over an 8×8 digit: each multiply-add, the output size, max/avg pooling, flatten."
    params = (
        Param("image", "digit", "digit: an 8×8 digit; example: the 5×5 worked example", str,
              choices=("digit", "example")),
        Param("digit", 0, "which image of the shipped 8×8 digits (0..1796)", int, low=0, high=1796),
        Param("kernel", "vertical", "vertical, horizontal, blur, sharpen, identity or K·K numbers a,b,c,...", str),
        Param("padding", "valid", "zeros around the image: valid (P=0), same (P=(K−1)/2), full (P=K−1)", str,
              choices=("valid", "same", "full")),
        Param("stride", 1, "how far the window moves each step", int, low=1, high=4),
        Param("pool", 2, "pooling window size (and stride)", int, low=1, high=4),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        from engine.conv import output_size
        from engine.pooling import pool_output_size

        self.kernel = parse_kernel(str(self.values["kernel"]))
        k, pad, s, size = self.kernel.shape[0], self.values["padding"], self.values["stride"], self.values["pool"]
        self.side = 5 if self.values["image"] == "example" else 8
        try:
            self.out = output_size(self.side, k, pad, s)
            self.pooled_size = pool_output_size(self.out, size, size)
        except ValueError as exc:
            raise LabError(f"lab conv: {exc}") from None

    def image(self) -> tuple[np.ndarray, int | None]:
        from engine.data import digits

        if self.values["image"] == "example":
            return EXAMPLE, None
        d = digits()
        i = int(self.values["digit"])
        return d.images[i], int(d.y[i])

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def _events(self) -> Iterator[Event]:
        from engine.conv_steps import conv_window_events, flatten_event, pool_window_events

        image, label = self.image()
        v = self.values
        what = "The 5×5 example image" if label is None else f"Digit #{v['digit']} (a {label}), pixels 0..16,"
        yield Event("info", f"{what} and the kernel",
                    r"y_{i,j} = \sum_{u,v} x_{i+u,\,j+v}\, k_{u,v} + b",
                    arrays={"image": image, "kernel": self.kernel}, values={"label": label})
        fmap = None
        for e in conv_window_events(image, self.kernel, 0.0, v["padding"], v["stride"]):
            fmap = e.arrays.get("feature_map", fmap)
            yield e
        fmap = np.array(fmap)
        size = v["pool"]
        pooled = {}
        for mode, word in (("max", "Max"), ("avg", "Average")):
            yield Event("info", f"{word} pooling {size}×{size}, stride {size}: "
                        f"{self.out}×{self.out} -> {self.pooled_size}×{self.pooled_size}",
                        rf"\left\lfloor \frac{{{self.out} - {size}}}{{{size}}} \right\rfloor + 1 = {self.pooled_size}",
                        arrays={"feature_map": fmap}, values={"mode": mode, "size": size})
            last = None
            for e in pool_window_events(fmap, size, size, mode):
                last = e
                yield dataclasses_replace_kind_values(e, mode)
            pooled[mode] = np.array(last.arrays["pooled"])
        yield flatten_event(pooled["max"])
        yield Event("done", f"Done: {self.out}×{self.out} feature map, "
                    f"{self.pooled_size}×{self.pooled_size} after pooling, {pooled['max'].size} numbers flattened", "",
                    arrays={"image": image, "kernel": self.kernel, "feature_map": fmap,
                            "max_pooled": pooled["max"], "avg_pooled": pooled["avg"],
                            "vector": pooled["max"].reshape(-1)},
                    values={"out": self.out, "pooled": self.pooled_size})

    def panels(self) -> list:
        from tutor.labs._views_conv import ConvPanel

        return [ConvPanel()]

    def plain(self, out: TextIO) -> None:
        v = self.values
        for e in self.run():
            a, val = e.arrays, e.values
            if e.kind == "info" and "label" in val:
                what = ("the 5×5 example image" if val["label"] is None
                        else f"digit #{v['digit']} (a {val['label']})")
                print(f"Convolution lab: {what}, kernel {v['kernel']}, "
                      f"padding {v['padding']}, stride {v['stride']}, pooling {v['pool']}×{v['pool']}", file=out)
                print(f"Image ({self.side}×{self.side}):", file=out)
                print("\n".join("  " + line for line in grid(a["image"])), file=out)
                print(f"Kernel ({self.kernel.shape[0]}×{self.kernel.shape[0]}):", file=out)
                print("\n".join("  " + line for line in grid(a["kernel"])), file=out)
                print("y[i,j] = sum over u,v of x[i+u, j+v] * k[u,v] + b  (b = 0; the kernel is not flipped)",
                      file=out)
            elif e.kind == "info" and "h_out" in val:
                p, s, k = val["padding"], val["stride"], self.kernel.shape[0]
                print(f"Padding: {v['padding']}, P = {p} zero(s) on each side; stride S = {s}", file=out)
                print(f"Output size = floor((M + 2P - K) / S) + 1 = floor(({self.side} + 2*{p} - {k}) / {s}) + 1 = "
                      f"{val['h_out']}  -> feature map {val['h_out']}×{val['w_out']}", file=out)
            elif e.kind == "window":
                w, kk = a["window"], a["kernel"]
                terms = " + ".join(f"{_f(x)}*{_f(y)}" for x, y in zip(w.ravel(), kk.ravel()))
                print(f"y[{val['row'] + 1},{val['col'] + 1}] = {terms} = {num(val['value'])}", file=out)
                if val["row"] == self.out - 1 and val["col"] == self.out - 1:
                    print("Feature map:", file=out)
                    print("\n".join("  " + line for line in grid(a["feature_map"])), file=out)
            elif e.kind == "info" and "mode" in val:
                print(e.label, file=out)
            elif e.kind == "pool":
                w = a["window"]
                listed = ", ".join(num(x) for x in w.ravel())
                how = "max" if val["mode"] == "max" else "mean"
                print(f"{val['mode']}[{val['row'] + 1},{val['col'] + 1}] = {how}({listed}) = {num(val['value'])}",
                      file=out)
                if val["row"] == self.pooled_size - 1 and val["col"] == self.pooled_size - 1:
                    print(f"{'Max' if val['mode'] == 'max' else 'Average'}-pooled map:", file=out)
                    print("\n".join("  " + line for line in grid(a["pooled"])), file=out)
            elif e.kind == "flatten":
                print(f"{e.label} (max-pooled, row by row): "
                      + ", ".join(num(x) for x in a["vector"]), file=out)
            elif e.kind == "done":
                print(e.label, file=out)


def _f(x: float) -> str:
    """A factor in a printed product: negative numbers in brackets."""
    s = num(x)
    return f"({s})" if s.startswith("-") else s


def dataclasses_replace_kind_values(event: Event, mode: str) -> Event:
    """The pooling event with its mode in values (the view colours max and avg apart)."""
    import dataclasses

    return dataclasses.replace(event, values={**event.values, "mode": mode})
