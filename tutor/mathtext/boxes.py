"""2-D boxes of terminal cells with a baseline, and the ways to combine them.

A Box is a list of lines; a line is a list of runs (text, style). Widths are
always counted in cells (rich.cells.cell_len): a Chinese character takes two.
Boxes never overlap when placed, so a line is built by sorting its pieces by x.
"""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

Run = tuple[str, "str | None"]


class Box:
    __slots__ = ("lines", "width", "baseline")

    def __init__(self, lines: list[list[Run]], width: int, baseline: int = 0):
        self.lines, self.width, self.baseline = lines, width, baseline

    @property
    def height(self) -> int:
        return len(self.lines)

    @property
    def descent(self) -> int:
        return self.height - self.baseline - 1

    def plain(self) -> str:
        return "\n".join("".join(t for t, _ in line).rstrip() for line in self.lines)


def text(s: str, style: str | None = None) -> Box:
    return Box([[(s, style)]] if s else [[]], cell_len(s))


def blank(width: int = 0, height: int = 1, baseline: int = 0) -> Box:
    return Box([[(" " * width, None)] if width else [] for _ in range(height)], width, baseline)


def _line_width(line: list[Run]) -> int:
    return sum(cell_len(t) for t, _ in line)


def place(parts: list[tuple[Box, int, int]], width: int, height: int, baseline: int) -> Box:
    """Put boxes at (x, y) offsets (no overlaps) on a canvas of the given size."""
    rows: list[list[tuple[int, list[Run]]]] = [[] for _ in range(height)]
    for box, x, y in parts:
        for k, line in enumerate(box.lines):
            if line and 0 <= y + k < height:
                rows[y + k].append((x, line))
    lines: list[list[Run]] = []
    for pieces in rows:
        pieces.sort(key=lambda p: p[0])
        line: list[Run] = []
        col = 0
        for x, runs in pieces:
            if x > col:
                line.append((" " * (x - col), None))
                col = x
            line.extend(runs)
            col += _line_width(runs)
        lines.append(line)
    return Box(lines, width, baseline)


def hcat(boxes: list[Box], gaps: list[int] | None = None) -> Box:
    """Side by side, baselines on one row; gaps[k] cells before box k."""
    if not boxes:
        return blank()
    gaps = gaps or [0] * len(boxes)
    ascent = max(b.baseline for b in boxes)
    descent = max(b.descent for b in boxes)
    parts, x = [], 0
    for box, gap in zip(boxes, gaps):
        x += gap
        parts.append((box, x, ascent - box.baseline))
        x += box.width
    return place(parts, x, ascent + descent + 1, ascent)


def vstack(boxes: list[Box], baseline_of: int = 0, align: str = "center",
           width: int | None = None, gap: int = 0) -> Box:
    """One above the other; the result's baseline is box `baseline_of`'s."""
    width = max([b.width for b in boxes] + [width or 0])
    parts, y, baseline = [], 0, 0
    for k, box in enumerate(boxes):
        if align == "center":
            x = (width - box.width) // 2
        elif align == "right":
            x = width - box.width
        else:
            x = 0
        if k == baseline_of:
            baseline = y + box.baseline
        parts.append((box, x, y))
        y += box.height + gap
    return place(parts, width, y - gap if boxes else 1, baseline)


def to_text(box: Box) -> Text:
    """A Rich Text, trailing blanks trimmed from each line."""
    out = Text(no_wrap=True, overflow="ignore", end="")
    for k, line in enumerate(box.lines):
        runs = list(line)
        while runs and not runs[-1][0].strip() and not runs[-1][1]:
            runs.pop()
        if runs and runs[-1][1] is None:
            runs[-1] = (runs[-1][0].rstrip(), None)
        if k:
            out.append("\n")
        for t, style in runs:
            out.append(t, style=style)
    return out
