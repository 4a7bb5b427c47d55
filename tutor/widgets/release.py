"""Let a finished app's drawing go: Textual keeps it in a process-wide cache.

Textual's StylesCache.get_inner_outer is an lru_cache on a *method*, so each
entry's key holds a widget's StylesCache — and with it every line that widget
drew (Strips, seven small caches each) — for as long as the process lives, up
to 1024 widgets.  The cache only saves building two Styles, so emptying it when
an app ends costs nothing; without this, a process that runs app after app (the
test suite) keeps some 20,000 Strips, and its garbage collections slow to seconds.
Upstream: https://github.com/Textualize/textual/issues/6665 (open).  While an app runs
the cache is bounded at 1024 entries, but that is an hour of page turns' dead widgets
in every student's app on a class server (more memory, and every full collection walks
them): the lesson screen lets it go on each page turn, and every screen when it goes.
"""
from __future__ import annotations


def release_drawing_caches() -> None:
    from textual._styles_cache import StylesCache

    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if clear is not None:      # a later Textual may have fixed it differently
        clear()
