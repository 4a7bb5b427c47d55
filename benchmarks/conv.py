"""Benchmark: the engine's Conv2D and pooling against direct loops and SciPy.

    /work/venv/bin/python benchmarks/conv.py        (SciPy comes with the `bench` extra)

Prints times and speed ratios; checks that the values agree (it exits with an
error if they do not).  It never asserts a timing.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.conv import Conv2D  # noqa: E402
from engine.pooling import AvgPool2D, MaxPool2D  # noqa: E402


def best_time(fn, repeat: int = 5) -> float:
    """The fastest of `repeat` runs, in seconds (the least disturbed by other work)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def check(name: str, a: np.ndarray, b: np.ndarray) -> None:
    if a.shape != b.shape or not np.allclose(a, b, rtol=1e-10, atol=1e-10):
        sys.exit(f"MISMATCH in {name}: max difference {np.max(np.abs(a - b)) if a.shape == b.shape else a.shape}")


# --- direct-loop references: one output cell at a time -------------------
def loop_conv_forward(x, W, b, p, s):
    n, c, h, w = x.shape
    c_out, _, k, _ = W.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    h_out, w_out = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
    y = np.zeros((n, c_out, h_out, w_out))
    for a in range(n):
        for o in range(c_out):
            for i in range(h_out):
                for j in range(w_out):
                    y[a, o, i, j] = np.sum(xp[a, :, i * s:i * s + k, j * s:j * s + k] * W[o]) + b[o]
    return y


def loop_conv_backward(x, W, delta, p, s):
    n, c, h, w = x.shape
    c_out, _, k, _ = W.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    dxp, dW = np.zeros_like(xp), np.zeros_like(W)
    for a in range(n):
        for o in range(c_out):
            for i in range(delta.shape[2]):
                for j in range(delta.shape[3]):
                    d = delta[a, o, i, j]
                    dW[o] += d * xp[a, :, i * s:i * s + k, j * s:j * s + k]
                    dxp[a, :, i * s:i * s + k, j * s:j * s + k] += d * W[o]
    return dxp[:, :, p:p + h, p:p + w], dW, delta.sum(axis=(0, 2, 3))


def loop_pool(x, size, reduce):
    n, c, h, w = x.shape
    y = np.zeros((n, c, h // size, w // size))
    for a in range(n):
        for ch in range(c):
            for i in range(h // size):
                for j in range(w // size):
                    y[a, ch, i, j] = reduce(x[a, ch, i * size:(i + 1) * size, j * size:(j + 1) * size])
    return y


def loop_maxpool_backward(x, delta, size):
    dx = np.zeros_like(x)
    n, c = x.shape[:2]
    for a in range(n):
        for ch in range(c):
            for i in range(delta.shape[2]):
                for j in range(delta.shape[3]):
                    win = x[a, ch, i * size:(i + 1) * size, j * size:(j + 1) * size]
                    u, v = np.unravel_index(win.argmax(), win.shape)
                    dx[a, ch, i * size + u, j * size + v] += delta[a, ch, i, j]
    return dx


def row(name, engine_s, other_s, other_name):
    print(f"  {name:<34} engine {engine_s * 1e3:9.3f} ms   {other_name} {other_s * 1e3:9.3f} ms   "
          f"ratio {other_s / engine_s:7.1f}x")


def main() -> None:
    rng = np.random.default_rng(0)
    print(f"NumPy {np.__version__}; best of 5 runs (3 for direct loops)")

    print("\nConv2D, batch 8 x 3 channels x 32x32, 8 filters 3x3  (engine im2col vs direct loop)")
    x = rng.normal(size=(8, 3, 32, 32))
    for padding, stride in (("valid", 1), ("same", 1), ("full", 1), ("same", 2)):
        layer = Conv2D(3, 8, 3, padding=padding, stride=stride, seed=1)
        layer.params["b"][:] = rng.normal(size=8)
        W, b, p = layer.params["W"], layer.params["b"], layer.p
        y = layer.forward(x)
        check(f"forward {padding}", y, loop_conv_forward(x, W, b, p, stride))
        delta = rng.normal(size=y.shape)
        dx = layer.backward(delta)
        ref = loop_conv_backward(x, W, delta, p, stride)
        check(f"dX {padding}", dx, ref[0])
        check(f"dW {padding}", layer.grads["W"], ref[1])
        check(f"db {padding}", layer.grads["b"], ref[2])
        row(f"forward  {padding} stride {stride}", best_time(lambda: layer.forward(x)),
            best_time(lambda: loop_conv_forward(x, W, b, p, stride), 3), "loop")
        layer.forward(x)
        row(f"backward {padding} stride {stride}", best_time(lambda: layer.backward(delta)),
            best_time(lambda: loop_conv_backward(x, W, delta, p, stride), 3), "loop")

    print("\nPooling 2x2, batch 8 x 8 channels x 32x32  (engine vs direct loop)")
    x = rng.normal(size=(8, 8, 32, 32))
    for cls, reduce in ((MaxPool2D, np.max), (AvgPool2D, np.mean)):
        pool = cls(2)
        y = pool.forward(x)
        check(cls.__name__, y, loop_pool(x, 2, reduce))
        row(f"{cls.__name__} forward", best_time(lambda: pool.forward(x)),
            best_time(lambda: loop_pool(x, 2, reduce), 3), "loop")
    pool, delta = MaxPool2D(2), rng.normal(size=(8, 8, 16, 16))
    pool.forward(x)
    check("MaxPool2D backward", pool.backward(delta), loop_maxpool_backward(x, delta, 2))
    row("MaxPool2D backward", best_time(lambda: pool.backward(delta)),
        best_time(lambda: loop_maxpool_backward(x, delta, 2), 3), "loop")

    try:
        from scipy.signal import correlate2d
    except ImportError:
        print("\nSciPy is not installed (pip install 'dltutor[bench]'): skipping the correlate2d comparison")
        return
    import scipy
    print(f"\nOne channel, one 5x5 kernel: engine Conv2D vs scipy.signal.correlate2d (SciPy {scipy.__version__})")
    for size in (64, 256):
        img, k = rng.normal(size=(size, size)), rng.normal(size=(5, 5))
        for mode in ("valid", "same", "full"):
            layer = Conv2D(1, 1, 5, padding=mode)
            layer.params["W"][0, 0] = k
            x1 = img[None, None]
            check(f"correlate2d {mode}", layer.forward(x1)[0, 0], correlate2d(img, k, mode=mode))
            row(f"{size}x{size} {mode}", best_time(lambda: layer.forward(x1)),
                best_time(lambda: correlate2d(img, k, mode=mode)), "scipy")
    print("\nratio = other time / engine time (above 1: the engine is faster). All values agree.")


if __name__ == "__main__":
    main()
