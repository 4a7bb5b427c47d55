"""The look every chart shares: fonts, sizes, and series that differ in more than colour.

Colours are the Okabe–Ito palette (safe for colour-blind readers); every
series also has its own line style and marker, so a greyscale print or a
projector that washes colours out still tells them apart.
"""
from __future__ import annotations

# (colour, line style, marker) for the 1st, 2nd, … series of a plot.
SERIES = (
    ("#0072B2", "-", "o"),
    ("#D55E00", "--", "s"),
    ("#009E73", "-.", "^"),
    ("#CC79A7", ":", "D"),
    ("#E69F00", (0, (5, 1, 1, 1, 1, 1)), "v"),
)
GREY = "#555555"
REFERENCE = dict(color=GREY, linestyle=(0, (2, 2)), linewidth=1.3)   # reference lines: thin, dotted grey


def series(k: int, markevery=None) -> dict:
    """Keyword arguments for ax.plot of the k-th series."""
    colour, style, marker = SERIES[k % len(SERIES)]
    return dict(color=colour, linestyle=style, marker=marker, markevery=markevery, markersize=6,
                markerfacecolor="white", markeredgewidth=1.5, linewidth=2.0)


def rc(lang: str, cjk_font: str | None) -> dict:
    """matplotlib settings for one language: Chinese text in the CJK font, the rest falling back to DejaVu."""
    family = [cjk_font, "DejaVu Sans"] if lang == "zh" and cjk_font else ["DejaVu Sans"]
    return {
        "font.family": family,
        "font.size": 11, "axes.titlesize": 12, "axes.labelsize": 11, "legend.fontsize": 9.5,
        "xtick.labelsize": 10, "ytick.labelsize": 10, "figure.titlesize": 14,
        "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "grid.alpha": 0.35, "grid.linewidth": 0.6,
        "legend.framealpha": 0.9,
        "svg.hashsalt": "dltutor",       # the same figure gives the same SVG file
        "pdf.fonttype": 42,              # TrueType in PDFs: text stays text (searchable, editable)
    }
