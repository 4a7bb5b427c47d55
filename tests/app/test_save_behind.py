"""A page turn never waits for the progress database: on a class server forty apps write one
SQLite file, and a write can wait for another app's lock (up to the 10 s busy timeout).  The
app's writes go to its writer thread, in order, and nothing is lost: they land once the lock
is free, a read of the store sees them, and leaving the app writes what is queued."""
from __future__ import annotations

import sqlite3

from tutor.progress import Store

from app_helpers import SIZE, make_app


async def test_a_page_turn_does_not_wait_for_a_locked_database(tmp_path, caplog):
    path = tmp_path / "progress.db"
    store = Store(path)
    app = make_app(store=store, lesson="ui-slopes", page=0)
    other = sqlite3.connect(str(path), isolation_level=None)    # another student's app, mid-write
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.saved()
        other.execute("BEGIN IMMEDIATE")
        await pilot.press("right")                     # with the old code: stuck here, then "locked"
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.page == 2                    # (reading the store now would wait: not here)
        other.execute("COMMIT")
        app.saved()
        assert store.last_position("ada") == ("ui-slopes", 2)     # in order, nothing lost
        assert store.lesson_status("ada")["ui-slopes"]["pages"] == [0, 1, 2]
        other.execute("BEGIN IMMEDIATE")
        await pilot.press("left")
        await pilot.pause()
        other.execute("COMMIT")
    other.close()
    assert store.last_position("ada") == ("ui-slopes", 1)         # leaving wrote what was queued
    assert store.saving and not [r for r in caplog.records if r.name.startswith("dltutor.progress")]
    store.close()
