"""Step through a convolution, a pooling and a flatten, one window at a time.

These are event iterators for the conv / cnn labs: each event shows one
window of the (padded) image, the kernel, the multiply-add written out with
its numbers, and the output cell it fills.  They compute window by window on
purpose (a student watches every cell appear); the fast layer is engine.conv.

    conv_window_events(image, kernel, bias, padding, stride)   kind "info", then "window"
    pool_window_events(feature_map, size, stride, mode)         kind "pool"
    flatten_event(pooled)                                       kind "flatten"
    cnn_events(...)   all of them chained (optionally with ReLU), ending in "done"

Indices count from 0 everywhere, in `values` and in labels and formulas alike, as the
lesson does ($y_{0,0}$ is the top-left output).

Like Conv2D this is cross-correlation: the kernel is not flipped.
"""
from __future__ import annotations

import dataclasses
from typing import Iterator

import numpy as np

from engine.conv import output_size, padding_amount
from engine.events import N_, Event, fmt
from engine.pooling import pool_output_size


# --- numbers and arrays as LaTeX -----------------------------------------
def tex_num(x: float, digits: int = 2) -> str:
    """A number for a formula: whole numbers without decimals, others with `digits`."""
    x = float(x)
    if x == round(x) and abs(x) < 1e15:
        return str(int(round(x)))
    return fmt(x, digits)


def _factor(x: float, digits: int) -> str:
    s = tex_num(x, digits)
    return f"({s})" if s.startswith("-") else s


def tex_matrix(a: np.ndarray, digits: int = 2) -> str:
    """A vector (as a column) or a matrix as a LaTeX pmatrix."""
    a = np.atleast_1d(np.asarray(a, dtype=float))
    rows = a.reshape(-1, 1) if a.ndim == 1 else a
    body = r" \\ ".join(" & ".join(tex_num(v, digits) for v in row) for row in rows)
    return r"\begin{pmatrix} " + body + r" \end{pmatrix}"


def _sum_of_products(a: np.ndarray, b: np.ndarray, digits: int, max_terms: int) -> str:
    terms = [f"{_factor(x, digits)} \\cdot {_factor(y, digits)}" for x, y in zip(a.ravel(), b.ravel())]
    if len(terms) > max_terms:                       # keep a long sum readable on a terminal
        terms = terms[:3] + [r"\cdots"] + terms[-2:]
    return " + ".join(terms)


def _check_image(image, kernel):
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if image.ndim not in (2, 3) or kernel.ndim != image.ndim:
        raise ValueError("give an image (H, W) with a kernel (K, K), or an image (C, H, W) "
                         f"with a kernel (C, K, K); got {image.shape} and {kernel.shape}")
    if kernel.shape[-1] != kernel.shape[-2]:
        raise ValueError(f"the kernel must be square, got {kernel.shape}")
    if image.ndim == 3 and image.shape[0] != kernel.shape[0]:
        raise ValueError(f"image has {image.shape[0]} channels but the kernel has {kernel.shape[0]}")
    return image, kernel


# --- convolution ---------------------------------------------------------
def conv_window_events(image, kernel, bias: float = 0.0, padding: str | int = "valid",
                       stride: int = 1, digits: int = 2, max_terms: int = 12) -> Iterator[Event]:
    """One "info" event (padding and output size), then one "window" event per output cell.

    arrays: input (the padded image), window, kernel, products (window * kernel),
            feature_map (cells filled so far, others 0), filled (bool mask)
    values: row, col (the output cell), top, left (the window's corner in the
            padded input), value, padding, stride
    The last event's feature_map equals Conv2D's forward for this kernel.
    """
    image, kernel = _check_image(image, kernel)
    k, s, b = kernel.shape[-1], int(stride), float(bias)
    p = padding_amount(k, padding)
    h, w = image.shape[-2:]
    h_out, w_out = output_size(h, k, padding, s), output_size(w, k, padding, s)
    pad = ((0, 0),) * (image.ndim - 2) + ((p, p), (p, p))
    xp = np.pad(image, pad)
    fmap, filled = np.zeros((h_out, w_out)), np.zeros((h_out, w_out), dtype=bool)

    size_tex = (rf"H_{{out}} = \left\lfloor \frac{{{h} + 2 \cdot {p} - {k}}}{{{s}}} \right\rfloor + 1 = {h_out}, \quad "
                rf"W_{{out}} = \left\lfloor \frac{{{w} + 2 \cdot {p} - {k}}}{{{s}}} \right\rfloor + 1 = {w_out}")
    # p = 0 is its own message: some languages say "no padding" rather than "0 zeros"
    padded = N_("Pad with 0 zero(s); the output is {h}×{w}") if p == 0 else \
        N_("Pad with {p} zero(s); the output is {h}×{w}")
    yield Event.said("info", padded, {"p": p, "h": h_out, "w": w_out}, size_tex,
                     arrays={"input": xp, "kernel": kernel},
                     values={"padding": p, "stride": s, "h_out": h_out, "w_out": w_out})
    step = 1
    for i in range(h_out):
        for j in range(w_out):
            top, left = i * s, j * s
            window = xp[..., top:top + k, left:left + k]
            products = window * kernel
            value = float(products.sum() + b)
            fmap[i, j], filled[i, j] = value, True
            formula = (rf"y_{{{i},{j}}} = \sum_{{u,v}} x_{{{top}+u,{left}+v}}\, k_{{u,v}} + b = "
                       + _sum_of_products(window, kernel, digits, max_terms)
                       + f" + {_factor(b, digits)} = {tex_num(value, digits)}")
            yield Event.said("window", N_("Window at row {row}, column {col}"), {"row": i, "col": j},
                             formula,
                             arrays={"input": xp, "window": window, "kernel": kernel, "products": products,
                                     "feature_map": fmap, "filled": filled},
                             values={"row": i, "col": j, "top": top, "left": left, "value": value,
                                     "padding": p, "stride": s},
                             step=step)
            step += 1


# --- pooling -------------------------------------------------------------
def pool_window_events(feature_map, size: int = 2, stride: int | None = None, mode: str = "max",
                       digits: int = 2) -> Iterator[Event]:
    """One "pool" event per pooling window of a 2-D feature map (mode "max" or "avg").

    arrays: feature_map, window, pooled (cells filled so far), filled
    values: row, col, top, left, value; for max also argmax_row, argmax_col
            (the position in feature_map that the gradient will flow back to)
    """
    fmap = np.asarray(feature_map, dtype=float)
    if fmap.ndim != 2:
        raise ValueError(f"pool one feature map of shape (H, W), got {fmap.shape}")
    if mode not in ("max", "avg"):
        raise ValueError(f"pooling mode must be 'max' or 'avg', got {mode!r}")
    stride = size if stride is None else stride
    h_out = pool_output_size(fmap.shape[0], size, stride)
    w_out = pool_output_size(fmap.shape[1], size, stride)
    pooled, filled = np.zeros((h_out, w_out)), np.zeros((h_out, w_out), dtype=bool)
    caption = N_("Max pool at row {row}, column {col}") if mode == "max" else \
        N_("Average pool at row {row}, column {col}")
    step = 0
    for i in range(h_out):
        for j in range(w_out):
            top, left = i * stride, j * stride
            window = fmap[top:top + size, left:left + size]
            listed = ", ".join(tex_num(v, digits) for v in window.ravel())
            values = {"row": i, "col": j, "top": top, "left": left}
            if mode == "max":
                u, v = np.unravel_index(int(window.argmax()), window.shape)
                value = float(window[u, v])
                formula = rf"\max({listed}) = {tex_num(value, digits)}"
                values.update(argmax_row=top + int(u), argmax_col=left + int(v))
            else:
                value = float(window.mean())
                total = " + ".join(_factor(v, digits) for v in window.ravel())
                formula = rf"\frac{{1}}{{{window.size}}}({total}) = {tex_num(value, digits)}"
            pooled[i, j], filled[i, j] = value, True
            values["value"] = value
            yield Event.said("pool", caption, {"row": i, "col": j}, formula,
                             arrays={"feature_map": fmap, "window": window, "pooled": pooled, "filled": filled},
                             values=values, step=step)
            step += 1


# --- flatten -------------------------------------------------------------
def flatten_event(pooled, digits: int = 2, step: int = 0) -> Event:
    """Rows laid end to end (row-major order): the vector a Dense layer receives."""
    a = np.asarray(pooled, dtype=float)
    vector = a.reshape(-1)
    shown = ", ".join(tex_num(v, digits) for v in vector[:16]) + (r", \dots" if vector.size > 16 else "")
    formula = rf"\mathrm{{flatten}}{tex_matrix(a, digits) if a.size <= 36 else '(A)'} = ({shown})^\top"
    caption = N_("Flatten {shape} into {n} number") if vector.size == 1 else N_("Flatten {shape} into {n} numbers")
    return Event.said("flatten", caption, {"shape": "×".join(map(str, a.shape)), "n": int(vector.size)}, formula,
                      arrays={"pooled": a, "vector": vector}, values={"length": int(vector.size)}, step=step)


# --- the whole pipeline --------------------------------------------------
def cnn_events(image, kernel, bias: float = 0.0, padding: str | int = "valid", stride: int = 1,
               relu: bool = False, pool: str | None = "max", pool_size: int = 2,
               pool_stride: int | None = None, digits: int = 2) -> Iterator[Event]:
    """Convolution window by window, optional ReLU, pooling window by window, flatten, done.

    The "done" event holds feature_map, pooled and vector (and activated when relu).
    """
    step = 0

    def numbered(events):
        nonlocal step
        for e in events:
            yield dataclasses.replace(e, step=step)
            step += 1

    fmap = None
    for e in numbered(conv_window_events(image, kernel, bias, padding, stride, digits)):
        fmap = e.arrays.get("feature_map", fmap)
        yield e
    fmap = np.array(fmap)
    arrays = {"feature_map": fmap}
    if relu:
        activated = np.maximum(fmap, 0.0)
        arrays["activated"] = activated
        yield Event.said("forward", N_("ReLU on the feature map"), {},
                         rf"\mathrm{{ReLU}}(y) = \max(0, y) = {tex_matrix(activated, digits)}",
                         arrays={"feature_map": fmap, "activated": activated}, step=step)
        step += 1
        fmap = activated
    pooled = fmap
    if pool is not None:
        for e in numbered(pool_window_events(fmap, pool_size, pool_stride, pool, digits)):
            pooled = e.arrays["pooled"]
            yield e
        pooled = np.array(pooled)
        arrays["pooled"] = pooled
    flat = flatten_event(pooled, digits, step)
    step += 1
    yield flat
    arrays["vector"] = flat.arrays["vector"]
    yield Event.said("done", N_("Done: {n} features for the dense layers"), {"n": flat.values["length"]},
                     arrays=arrays, step=step)
