"""A font with Chinese characters for the zh charts, or the package to install.

matplotlib's own font (DejaVu Sans) has no Chinese: without a CJK font it
draws empty boxes and only warns.  We look for a known CJK family among the
fonts matplotlib can see and stop with an install line when there is none.
"""
from __future__ import annotations

import sys
from typing import Iterable

# Simplified Chinese first; then the common system fonts of Windows, macOS and Linux.
CANDIDATES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "Source Han Sans",
    "Microsoft YaHei", "DengXian", "SimHei",                        # Windows
    "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",        # macOS
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
    "Noto Sans CJK TC", "Noto Sans CJK JP", "Arial Unicode MS",
)


class NoCJKFont(Exception):
    """No installed font can draw Chinese."""


def installed_families() -> set[str]:
    from matplotlib import font_manager

    return {entry.name for entry in font_manager.fontManager.ttflist}


def find_cjk_font(families: Iterable[str] | None = None) -> str | None:
    """The first installed CJK family we know, or None."""
    have = set(installed_families() if families is None else families)
    return next((name for name in CANDIDATES if name in have), None)


def install_hint(platform: str | None = None) -> str:
    """How to get a CJK font on this kind of system (a message id for t)."""
    from tutor.locale import t

    platform = platform or sys.platform
    if platform == "darwin":
        return t("install a Chinese font, e.g. with: brew install --cask font-noto-sans-cjk-sc")
    if platform.startswith("win"):
        return t("install a Chinese font: Settings > Time & language > Language > add Chinese (Simplified)")
    return t("install fonts-noto-cjk (Debian/Ubuntu: sudo apt install fonts-noto-cjk; "
             "Fedora: sudo dnf install google-noto-sans-cjk-fonts)")


def require_cjk_font() -> str:
    """The CJK family to draw Chinese with; NoCJKFont (with the install line) when none is installed."""
    from tutor.locale import t

    name = find_cjk_font()
    if name is None:
        raise NoCJKFont(t("Chinese charts need a font with Chinese characters, and none is installed: {hint}",
                          hint=install_hint()))
    return name
