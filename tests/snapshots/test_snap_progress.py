"""The progress screen with some progress: pages seen, a quiz's best and last score."""
from __future__ import annotations

from app_helpers import make_app, new_store
from snap_helpers import SIZE, wait_until


def test_progress_screen_with_some_progress(snap_compare, tmp_path):
    store = new_store(tmp_path)
    for page in (0, 1):
        store.page_seen("ada", "ui-slopes", page)      # 2 of 3 pages
        store.page_seen("ada", "ui-descent", page)     # 2 of 2
    store.quiz_score("ada", "ui-descent", 1, 1)         # best 1/1 ...
    store.quiz_score("ada", "ui-descent", 0, 1)         # ... last 0/1
    app = make_app(store=store)

    async def open_progress(pilot):
        await pilot.press("s")
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "ProgressScreen", "the progress screen")

    assert snap_compare(app, terminal_size=SIZE, run_before=open_progress)
