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


def rescan() -> None:
    """Tell matplotlib about fonts installed since it cached its font list (it never looks again
    by itself, so a font installed after following our hint would stay invisible)."""
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):     # a broken font file: skip it
                pass


def find_cjk_font(families: Iterable[str] | None = None) -> str | None:
    """The first installed CJK family we know, or None (given `families`: among those)."""
    if families is not None:
        return next((name for name in CANDIDATES if name in set(families)), None)
    found = find_cjk_font(installed_families())
    if found is None:
        rescan()
        found = find_cjk_font(installed_families())
    return found


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
