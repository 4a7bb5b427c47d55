"""Lab `conv`: a 3×3 kernel slides over an 8×8 digit, window by window.

The run is the engine's (engine/conv_steps.py): the output-size formula with
its numbers, every window's multiply-add, then max and average pooling
window by window and the flatten.  Pixels keep the dataset's 0..16 scale so
every product is a whole number a student can check by hand.
"""
from __future__ import annotations

import dataclasses
import math
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event
from tutor.labs.conv.payload import DoneValues, ImageValues, PoolingValues
from tutor.labs.conv.plain import write_plain
from tutor.labs.digits import a_digit
from tutor.labs.kit.lab import Lab, LabError, Param
from tutor.labs.kit.training import numbered
from tutor.locale import N_, t

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
        raise LabError(t("kernel={text}: give a preset ({presets}) "
                         "or numbers separated by commas, e.g. kernel=1,0,-1,1,0,-1,1,0,-1",
                         text=repr(text), presets=", ".join(KERNELS))) from None
    k = math.isqrt(len(numbers))
    if k * k != len(numbers) or not 1 <= k <= 5:
        raise LabError(t("kernel={text}: {count} numbers do not make a square kernel "
                         "(give 9 numbers for 3×3, 4 for 2×2, 25 for 5×5)", text=repr(text), count=len(numbers)))
    if not all(math.isfinite(v) and abs(v) <= 1e6 for v in numbers):
        raise LabError(t("kernel={text}: every number must be finite and at most 1e6 in size", text=repr(text)))
    return np.array(numbers, dtype=float).reshape(k, k)


class ConvLab(Lab):
    name = "conv"
    title = N_("Convolution, pooling and flatten, window by window")
    summary = N_("Slide a kernel over an 8×8 digit: each multiply-add, the output size, max/avg pooling, flatten.")
    params = (
        Param("image", "digit", N_("digit: an 8×8 digit; example: the 5×5 worked example"), str,
              choices=("digit", "example")),
        Param("digit", 0, N_("which image of the shipped 8×8 digits (0..1796)"), int, low=0, high=1796),
        Param("kernel", "vertical", N_("vertical, horizontal, blur, sharpen, identity or K·K numbers a,b,c,..."), str,
              items=25),
        Param("padding", "valid", N_("zeros around the image: valid (P=0), same (P=(K−1)/2), full (P=K−1)"), str,
              choices=("valid", "same", "full")),
        Param("stride", 1, N_("how far the window moves each step"), int, low=1, high=4),
        Param("pool", 2, N_("pooling window size (and stride)"), int, low=1, high=4),
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
            raise LabError(t("lab conv: {reason}", reason=exc)) from None     # the engine's reason, in English

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
        if label is None:
            caption = t("The 5×5 example image and the kernel")
        else:
            caption = t("Digit #{index} ({digit}), pixels 0..16, and the kernel",
                        index=v["digit"], digit=a_digit(label))
        yield Event("info", caption,
                    r"y_{i,j} = \sum_{u,v} x_{i+u,\,j+v}\, k_{u,v} + b",
                    arrays={"image": image, "kernel": self.kernel}, values=ImageValues(label).values())
        fmap = None
        for e in conv_window_events(image, self.kernel, 0.0, v["padding"], v["stride"]):
            fmap = e.arrays.get("feature_map", fmap)
            yield e
        fmap = np.array(fmap)
        size = v["pool"]
        pooled = {}
        for mode in ("max", "avg"):
            yield Event("info", pooling_caption(mode, size, self.out, self.pooled_size),
                        rf"\left\lfloor \frac{{{self.out} - {size}}}{{{size}}} \right\rfloor + 1 = {self.pooled_size}",
                        arrays={"feature_map": fmap}, values=PoolingValues(mode, size).values())
            last = None
            for e in pool_window_events(fmap, size, size, mode):
                last = e
                yield with_mode(e, mode)
            pooled[mode] = np.array(last.arrays["pooled"])
        yield flatten_event(pooled["max"])
        o, p, n = self.out, self.pooled_size, pooled["max"].size
        yield Event("done", t("Done: {o}×{o} feature map, {p}×{p} after pooling, {n} numbers flattened",
                              o=o, p=p, n=n), "",
                    arrays={"image": image, "kernel": self.kernel, "feature_map": fmap,
                            "max_pooled": pooled["max"], "avg_pooled": pooled["avg"],
                            "vector": pooled["max"].reshape(-1)},
                    values=DoneValues(self.out, self.pooled_size).values())

    def plain(self, out: TextIO) -> None:
        write_plain(self, out)


def pooling_caption(mode: str, size: int, out: int, pooled: int) -> str:
    if mode == "max":
        return t("Max pooling {size}×{size}, stride {size}: {out}×{out} -> {pooled}×{pooled}",
                 size=size, out=out, pooled=pooled)
    return t("Average pooling {size}×{size}, stride {size}: {out}×{out} -> {pooled}×{pooled}",
             size=size, out=out, pooled=pooled)


def with_mode(event: Event, mode: str) -> Event:
    """The engine's pooling event with its mode in values (PoolValues; the view titles max and avg apart)."""
    return dataclasses.replace(event, values={**event.values, "mode": mode})
