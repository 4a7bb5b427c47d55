"""An app that has ended leaves none of its drawing behind (issue 18, item 13).

Textual's StylesCache.get_inner_outer kept every widget's rendered lines alive
after the app ended; across the app tests that was ~20,000 Strips, which made
pytest's end-of-session garbage collections so slow that xdist interrupted the
worker (a KeyboardInterrupt in hypothesis's gc callback)."""
from __future__ import annotations

import gc
import weakref

from app_helpers import SIZE, make_app


async def test_a_finished_app_s_rendered_lines_are_freed(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")            # a lesson page: prose, maths, keybar
        await pilot.pause()
        lines = [weakref.ref(widget._styles_cache) for widget in app.screen.walk_children()]
        lines.append(weakref.ref(app.screen._styles_cache))
    del app, pilot
    gc.collect()
    alive = [ref for ref in lines if ref() is not None]
    assert not alive, f"{len(alive)} of {len(lines)} widgets' drawing outlived the app"
