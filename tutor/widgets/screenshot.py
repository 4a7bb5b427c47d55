"""Screenshots (the palette's "Screenshot") with Chinese laid out as on the terminal.

Rich's SVG export stretches each run of text to len(text) columns (its
`textLength`), but a Chinese character takes two columns: a run of Chinese came
out squeezed into half its width, the characters drawn over each other
(Textualize/rich#2742).  `wide_text_fixed` sets each run's length from its width
in terminal cells, where Rich already puts the runs that follow it.
"""
from __future__ import annotations

import html
import re

from rich.cells import cell_len

# <text class=… x=… y=… textLength="L" clip-path=…>run</text>, as rich.console.export_svg writes it
_RUN = re.compile(r'(<text\b[^>]*?\btextLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')


def wide_text_fixed(svg: str) -> str:
    def fix(match: re.Match) -> str:
        text = html.unescape(match.group(4))
        cells = cell_len(text)
        if cells <= len(text):          # no wide character: as Rich wrote it (a line's "\n" is 0 cells)
            return match.group(0)
        length = float(match.group(2)) / len(text) * cells       # Rich's column width × cells
        return f"{match.group(1)}{length:g}{match.group(3)}{match.group(4)}{match.group(5)}"

    return _RUN.sub(fix, svg)
