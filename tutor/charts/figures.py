"""One chart as a finished figure: fonts for its language, title, footer, caption; saving it.

    with drawing("zh"):
        fig, caption = build("03", lesson="2.7")
        save(fig, Path("out/03_gradient_vanishing"), ["png"], dpi=300)

Everything happens inside `drawing(lang)`: matplotlib creates some text (the
tick labels) only when it saves, and that text must get the same fonts.
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

import matplotlib
from matplotlib.figure import Figure

from tutor.charts import chart
from tutor.charts.fonts import require_cjk_font
from tutor.charts.style import GREY, rc
from tutor.locale import t, using

FORMATS = ("png", "svg", "pdf")
FOOTER_HEIGHT = 0.25     # inches for the footer line


@contextlib.contextmanager
def drawing(lang: str) -> Iterator[None]:
    """Speak `lang` and use its fonts (NoCJKFont when Chinese cannot be drawn)."""
    font = require_cjk_font() if lang == "zh" else None
    with using(lang), matplotlib.rc_context(rc(lang, font)):
        yield


def build(number: str, lesson: str = "") -> tuple[Figure, str]:
    """The figure of chart `number` and its caption text (call inside `drawing`)."""
    module = chart(number)
    numbers = module.compute()
    fig = Figure(figsize=module.SIZE, layout="constrained")
    # the chart above, one footer line below: subfigures keep the two from overlapping
    body, foot = fig.subfigures(2, 1, height_ratios=[module.SIZE[1] - FOOTER_HEIGHT, FOOTER_HEIGHT])
    module.draw(body, numbers)
    title = module.title()
    fig.suptitle(f"{number} · {title}", fontweight="bold")
    where = (t("Lesson {lesson} · try it: {command}", lesson=lesson, command=module.COMMAND) if lesson
             else t("Try it: {command}", command=module.COMMAND))
    foot.text(0.01, 0.5, where, ha="left", va="center", fontsize=8.5, color=GREY)
    foot.text(0.99, 0.5, t("every number computed by the dltutor engine"), ha="right", va="center",
              fontsize=8.5, color=GREY)
    lines = [f"{number} · {title}", where, "", *module.caption(numbers)]
    return fig, "\n".join(lines) + "\n"


def save(fig: Figure, stem: Path, formats, dpi: int) -> list[Path]:
    """Write the figure once per format as `stem.<format>`; the same input gives the same bytes."""
    title = fig._suptitle.get_text() if fig._suptitle else ""
    written = []
    for fmt in formats:
        path = stem.with_suffix("." + fmt)
        metadata = {"png": {"Title": title, "Software": "dltutor"},
                    "svg": {"Title": title, "Date": None, "Creator": "dltutor"},
                    "pdf": {"Title": title, "Creator": "dltutor", "Producer": "dltutor", "CreationDate": None},
                    }[fmt]
        fig.savefig(path, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
        fig.set_layout_engine("none")      # laid out once: the next formats reuse it (and save time)
        written.append(path)
    return written
