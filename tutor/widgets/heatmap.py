"""A half-block heatmap: two pixels per terminal cell, one above the other.

Each cell prints '▀' with the upper pixel as its foreground colour and the
lower pixel as its background colour, so a cell (about twice as tall as it is
wide) holds two square pixels.  Used for decision boundaries, images,
convolution kernels, feature maps and weight matrices.

Colour maps: "diverging" (blue below zero, white at zero, red above; the
scale is symmetric so zero is always white) and "gray" (dark to light, for
images).  A legend line shows the range.
"""
from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

HALF = "▀"

# Anchor colours (RGB) along the map, from the low end to the high end.
CMAPS = {
    "diverging": np.array([(59, 76, 192), (141, 176, 254), (221, 221, 221), (244, 154, 123), (180, 4, 38)], float),
    "gray": np.array([(10, 10, 10), (245, 245, 245)], float),
}


def colours(values: np.ndarray, vmin: float, vmax: float, cmap: str = "diverging") -> np.ndarray:
    """RGB (… × 3, uint8) for each value; non-finite values are mid-grey."""
    anchors = CMAPS.get(cmap, CMAPS["diverging"])
    span = vmax - vmin if vmax > vmin else 1.0
    finite = np.isfinite(values)
    t = np.clip((np.where(finite, values, vmin) - vmin) / span, 0.0, 1.0)
    pos = t * (len(anchors) - 1)
    lo = np.minimum(pos.astype(int), len(anchors) - 2)
    frac = (pos - lo)[..., None]
    rgb = anchors[lo] * (1 - frac) + anchors[lo + 1] * frac
    rgb[~finite] = (128, 128, 128)
    return rgb.round().astype(np.uint8)


def value_range(data: np.ndarray, cmap: str, vmin: float | None, vmax: float | None) -> tuple[float, float]:
    """The colour scale: symmetric about zero for the diverging map."""
    finite = data[np.isfinite(data)]
    if finite.size == 0:
        return (-1.0, 1.0) if cmap == "diverging" else (0.0, 1.0)
    if cmap == "diverging" and vmin is None and vmax is None:
        m = float(np.abs(finite).max()) or 1.0
        return -m, m
    lo = float(finite.min()) if vmin is None else float(vmin)
    hi = float(finite.max()) if vmax is None else float(vmax)
    return (lo, hi) if hi > lo else (lo - 0.5, lo + 0.5)


def resample(data: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Nearest-neighbour resampling to rows × cols pixels."""
    r = (np.arange(rows) * data.shape[0] // max(rows, 1)).clip(0, data.shape[0] - 1)
    c = (np.arange(cols) * data.shape[1] // max(cols, 1)).clip(0, data.shape[1] - 1)
    return data[np.ix_(r, c)]


def fit(shape: tuple[int, int], width: int, height_px: int) -> tuple[int, int]:
    """Pixel size that fits width × height_px, keeping pixels square.

    Small arrays grow by a whole factor (so an 8×8 digit stays crisp); large
    ones shrink.
    """
    rows, cols = shape
    if rows == 0 or cols == 0 or width <= 0 or height_px <= 0:
        return 0, 0
    scale = min(width / cols, height_px / rows)
    if scale >= 1:
        scale = int(scale)
    return max(1, int(rows * scale)), max(1, int(cols * scale))


def half_block_lines(pixels: np.ndarray) -> list[list[Segment]]:
    """Rows of segments for an (h, w, 3) uint8 image, two pixel rows per line."""
    lines = []
    for top in range(0, pixels.shape[0], 2):
        upper = pixels[top]
        lower = pixels[top + 1] if top + 1 < pixels.shape[0] else None
        segments = []
        for j in range(pixels.shape[1]):
            fg = "rgb({},{},{})".format(*upper[j])
            bg = "rgb({},{},{})".format(*lower[j]) if lower is not None else None
            segments.append(Segment(HALF, Style.parse(f"{fg} on {bg}" if bg else fg)))
        lines.append(segments)
    return lines


def legend(vmin: float, vmax: float, cmap: str, width: int) -> Text:
    """`-1.5 [colour ramp] 1.5` on one line."""
    lo, hi = f"{vmin:.3g}", f"{vmax:.3g}"
    ramp_len = max(4, min(24, width - len(lo) - len(hi) - 2))
    ramp = colours(np.linspace(vmin, vmax, ramp_len), vmin, vmax, cmap)
    text = Text(lo + " ")
    for r, g, b in ramp:
        text.append(" ", Style(bgcolor=f"rgb({r},{g},{b})"))
    text.append(" " + hi)
    return text


class Heatmap(Widget):
    """Shows a 2-D array as colours; call `set_data` to change it."""

    DEFAULT_CSS = """
    Heatmap {
        width: 1fr;
        height: 1fr;
        min-height: 4;
    }
    """

    def __init__(self, data=None, *, title: str = "", cmap: str = "diverging",
                 vmin: float | None = None, vmax: float | None = None,
                 show_legend: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.title = title
        self.cmap = cmap
        self.vmin, self.vmax = vmin, vmax
        self.show_legend = show_legend
        self._data = np.zeros((0, 0))
        self._lines: list[Strip] = []
        self._built_for: tuple | None = None
        if data is not None:
            self.set_data(data)

    @property
    def data(self) -> np.ndarray:
        return self._data

    def set_data(self, data, *, title: str | None = None, vmin: float | None = None,
                 vmax: float | None = None) -> None:
        array = np.asarray(data, dtype=float)
        if array.ndim == 1:
            array = array[None, :]
        elif array.ndim > 2:
            array = array.reshape(-1, array.shape[-1])
        self._data = array
        if title is not None:
            self.title = title
        if vmin is not None or vmax is not None:
            self.vmin, self.vmax = vmin, vmax
        self._built_for = None
        self.refresh()

    def _build(self, width: int, height: int) -> list[Strip]:
        header: list[Text] = [Text(self.title, style="bold")] if self.title else []
        lo, hi = value_range(self._data, self.cmap, self.vmin, self.vmax)
        # NO_COLOR: Textual turns colours to greys, which would make -1 and +1 look
        # alike on the diverging map; a grey ramp keeps the order of the values.
        cmap = "gray" if getattr(self.app, "no_color", False) else self.cmap
        footer = [legend(lo, hi, cmap, width)] if self.show_legend and self._data.size else []
        rows_px = 2 * max(0, height - len(header) - len(footer))
        strips = [Strip(list(t.render(self.app.console)), t.cell_len).crop(0, width) for t in header]
        h, w = fit(self._data.shape, width, rows_px)
        if h and w:
            pixels = colours(resample(self._data, h, w), lo, hi, cmap)
            strips += [Strip(line, len(line)) for line in half_block_lines(pixels)]
        strips += [Strip(list(t.render(self.app.console)), t.cell_len).crop(0, width) for t in footer]
        return strips

    def render_line(self, y: int) -> Strip:
        size = self.content_size
        key = (size.width, size.height, self.app.theme)
        if self._built_for != key:
            # Every segment gets the widget's style (no bare None styles: Textual's
            # NO_COLOR filter needs a style on each segment).
            base = self.rich_style
            self._lines = [strip.apply_style(base) for strip in self._build(size.width, size.height)]
            self._built_for = key
        return self._lines[y] if y < len(self._lines) else Strip.blank(size.width, self.rich_style)
