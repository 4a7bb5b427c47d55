"""The gradient2d lab's panel: a half-block map of f(x, y) with level sets, the point,
the gradient arrow and the descent path (imported only by tutor.labs.panels_for()).

The map reuses the Heatmap widget's colours and half-block drawing; it samples f
at exactly one value per pixel, so the marks (point, arrow, path) land on the
right pixel.
"""
from __future__ import annotations

import math

import numpy as np
from rich.text import Text
from textual.containers import Vertical
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from engine.events import fmt
from tutor.labs.gradient2d.payload import (
    AT_A_POINT,
    DivergedValues,
    DoneValues,
    IterationValues,
    ReadoutStep,
    StartValues,
    step_values,
)
from tutor.labs.kit.captions import message
from tutor.locale import t
from tutor.widgets.heatmap import colours, half_block_lines, legend

LEVELS = 8
CONTOUR = (30, 30, 30)
PATH = (255, 215, 0)
ARROW = (0, 200, 0)
POINT = (0, 0, 0)


def contour_mask(values: np.ndarray, lo: float, hi: float, levels: int = LEVELS) -> np.ndarray:
    """Pixels where the level band changes to the right or below: the level-set lines.

    Levels are evenly spaced in √(f − min), so a bowl such as (x − y)² gets evenly
    spaced lines instead of all of them crowded on its steep walls."""
    scaled = np.sqrt(np.clip((np.nan_to_num(values, nan=lo) - lo) / (hi - lo), 0.0, 1.0))
    band = np.floor(scaled * levels)
    mask = np.zeros(values.shape, bool)
    mask[:, :-1] |= band[:, :-1] != band[:, 1:]
    mask[:-1, :] |= band[:-1, :] != band[1:, :]
    return mask


def line_pixels(r0: float, c0: float, r1: float, c1: float, size: int) -> list[tuple[int, int]]:
    """The pixels of the segment that lie on a size × size map.  The segment is cut to the map
    first: a diverging run's step ends 10⁸ pixels away, and one sample per pixel of that would
    take gigabytes."""
    clipped = clip_to_square(r0, c0, r1, c1, -0.5, size - 0.5)
    if clipped is None:
        return []
    r0, c0, r1, c1 = clipped
    n = int(max(abs(r1 - r0), abs(c1 - c0))) + 1
    pixels = ((round(r0 + (r1 - r0) * t), round(c0 + (c1 - c0) * t)) for t in np.linspace(0, 1, n + 1))
    return [(r, c) for r, c in pixels if 0 <= r < size and 0 <= c < size]


def clip_to_square(r0: float, c0: float, r1: float, c1: float, lo: float, hi: float):
    """The part of the segment inside [lo, hi]² (Liang–Barsky), or None if it misses the square."""
    t0, t1 = 0.0, 1.0
    dr, dc = r1 - r0, c1 - c0
    for p, q in ((-dr, r0 - lo), (dr, hi - r0), (-dc, c0 - lo), (dc, hi - c0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return r0 + t0 * dr, c0 + t0 * dc, r0 + t1 * dr, c0 + t1 * dc


class FieldMap(Widget):
    """f over [-span, span]² (y up), square pixels, one sample per pixel."""

    DEFAULT_CSS = """
    FieldMap { width: 1fr; height: 1fr; min-height: 8; }
    """

    def __init__(self, f, span: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.f, self.span = f, span
        self.point: tuple[float, float] | None = None
        self.gradient: tuple[float, float] | None = None
        self.path: list[tuple[float, float]] = []
        self._cache: tuple | None = None       # (n, values, lo, hi)
        self._lines: list[Strip] = []
        self._built_for = None

    def set_marks(self, point, gradient, path) -> None:
        self.point, self.gradient, self.path = point, gradient, list(path)
        self._built_for = None
        self.refresh()

    def pixel(self, x: float, y: float, n: int) -> tuple[float, float]:
        s = self.span
        return (s - y) / (2 * s) * (n - 1), (x + s) / (2 * s) * (n - 1)

    def sample(self, n: int) -> tuple[np.ndarray, float, float]:
        if self._cache is None or self._cache[0] != n:
            axis = np.linspace(-self.span, self.span, n)
            xs, ys = np.meshgrid(axis, axis[::-1])
            with np.errstate(all="ignore"):
                values = np.asarray(self.f(xs, ys), dtype=float) * np.ones_like(xs)
            values[~np.isfinite(values)] = np.nan
            finite = values[np.isfinite(values)]
            lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
            if hi <= lo:
                hi = lo + 1.0
            self._cache = (n, values, lo, hi)
        return self._cache[1:]

    def _build(self, width: int, height: int) -> list[Strip]:
        n = max(0, min(width, 2 * (height - 1)))
        if n < 4:
            return []
        values, lo, hi = self.sample(n)
        rgb = colours(values, lo, hi, "diverging")
        rgb[contour_mask(values, lo, hi)] = CONTOUR
        paint = lambda r, c, colour: rgb.__setitem__((r, c), colour) if 0 <= r < n and 0 <= c < n else None  # noqa: E731
        points = [self.pixel(x, y, n) for x, y in self.path if math.isfinite(x) and math.isfinite(y)]
        for (r0, c0), (r1, c1) in zip(points, points[1:]):
            for r, c in line_pixels(r0, c0, r1, c1, n):
                paint(r, c, PATH)
        if self.point is not None:
            r0, c0 = self.pixel(*self.point, n)
            if self.gradient is not None and all(map(math.isfinite, self.gradient)):
                gx, gy = self.gradient
                length = math.hypot(gx, gy)
                if length > 0:
                    # the arrow shows the direction; its length grows with |∇f| up to a quarter of the map
                    reach = n / 4 * min(1.0, 0.25 + length / (length + 2))
                    r1, c1 = r0 - gy / length * reach, c0 + gx / length * reach
                    for r, c in line_pixels(r0, c0, r1, c1, n):
                        paint(r, c, ARROW)
                    paint(round(r1), round(c1), (255, 255, 255))
            for dr, dc in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):     # a small black cross
                paint(round(r0) + dr, round(c0) + dc, POINT)
        strips = [Strip(line, len(line)) for line in half_block_lines(rgb)]
        key = legend(lo, hi, "diverging", width)
        strips.append(Strip(list(key.render(self.app.console)), key.cell_len).crop(0, width))
        return strips

    def render_line(self, y: int) -> Strip:
        size = self.content_size
        key = (size.width, size.height, self.app.theme)
        if self._built_for != key:
            self._lines = self._build(size.width, size.height)
            self._built_for = key
        return self._lines[y] if y < len(self._lines) else Strip.blank(size.width)


class Gradient2dPanel(Vertical):
    """h/l move the point in x, j/k in y; each descent step moves it too."""

    KEYS = [("h", "left", "x −"), ("l", "right", "x +"), ("j", "down", "y −"), ("k", "up", "y +")]
    DEFAULT_CSS = """
    Gradient2dPanel { height: 1fr; }
    Gradient2dPanel > #gradient2d-readout { height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, lab, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lab = lab
        self.start = (float(lab.values["x0"]), float(lab.values["y0"]))
        self.point = self.start
        self.path: list[tuple[float, float]] = []
        self.step = lab.span / 20
        self.note = ""

    def compose(self):
        yield Static("", id="gradient2d-readout")
        yield FieldMap(self.lab.f, self.lab.span, id="gradient2d-map")

    def on_mount(self) -> None:
        self.redraw()

    def action_left(self) -> None:
        self.move(-self.step, 0)

    def action_right(self) -> None:
        self.move(self.step, 0)

    def action_down(self) -> None:
        self.move(0, -self.step)

    def action_up(self) -> None:
        self.move(0, self.step)

    def move(self, dx: float, dy: float) -> None:
        s = self.lab.span
        x, y = self.point
        self.point = (min(max(x + dx, -s), s), min(max(y + dy, -s), s))
        self.redraw()

    def reset(self) -> None:
        self.point, self.path, self.note = self.start, [], ""
        self.redraw()

    def show(self, event, history) -> None:
        self.path = [(p.x, p.y) for p in map(step_values, history) if on_the_path(p)]
        v = step_values(event)
        if isinstance(v, AT_A_POINT) and math.isfinite(v.x) and math.isfinite(v.y):
            self.point = (float(v.x), float(v.y))
        self.note = t("diverged at step {step}: {reason}", step=v.step, reason=message(v.reason)) \
            if isinstance(v, DivergedValues) else ""
        self.redraw()

    def redraw(self) -> None:
        if not self.is_mounted:
            return
        x, y = self.point
        r = self.lab.readout(x, y)
        text = Text()
        text.append(f"(x, y) = ({fmt(x)}, {fmt(y)})   f = {fmt(r.f)}\n", style="bold")
        if math.isfinite(r.dx) and math.isfinite(r.dy):
            text.append(f"∂f/∂x = {fmt(r.dx)}   ∂f/∂y = {fmt(r.dy)}   |∇f| = {fmt(r.grad_norm)}\n")
            gradient = (r.dx, r.dy)
        else:
            text.append(t("f has no gradient here") + "\n", style="red")
            gradient = None
        text.append(t("green: ∇f (uphill)  yellow: path  dark lines: level sets   keys h/l: x, j/k: y"), style="dim")
        if self.note:
            text.append("\n" + self.note, style="bold red")
        self.query_one("#gradient2d-readout", Static).update(text)
        self.query_one(FieldMap).set_marks(self.point, gradient, self.path)


def on_the_path(p) -> bool:
    """Whether a step's point is on the yellow path: the descent's start, every iteration and its end
    (with max_iter=0, the readout's end)."""
    if isinstance(p, ReadoutStep):
        return p.what == "end"
    return isinstance(p, (StartValues, IterationValues, DoneValues))


def panels(lab) -> list:
    """The panels beside the stepper (tutor.labs.panels_for calls this)."""
    return [Gradient2dPanel(lab)]
