"""The teacher's dashboard (`dltutor class`): three students, the fixture lessons.

The dashboard shows when each student was last active: the answers and pages are
written at fixed times and shown in UTC, so no clock reaches the picture."""
from __future__ import annotations

import itertools
import os
import time
import types

import pytest

from app_helpers import FIXTURES, new_store
from snap_helpers import SIZE, wait_until

START = 1_780_000_000          # 2026-05-28 20:26:40 UTC; each write one minute after the last


@pytest.fixture
def utc():
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def classroom(tmp_path, monkeypatch, utc):
    import tutor.progress

    minutes = itertools.count(START, 60)
    monkeypatch.setattr(tutor.progress, "time", types.SimpleNamespace(time=lambda: next(minutes)))
    store = new_store(tmp_path)
    for page in (0, 1, 2):
        store.page_seen("ada", "ui-slopes", page)
    store.page_seen("ada", "ui-descent", 1)
    store.record_answer("ada", "ui-descent", "gd-direction", "2", "wrong", False)   # stuck here
    store.page_seen("bo", "ui-slopes", 0)
    for page in (0, 1):
        store.page_seen("陈静", "ui-descent", page)
    store.record_answer("陈静", "ui-descent", "gd-direction", "1", "right", True)
    store.quiz_score("陈静", "ui-descent", 1, 1)
    monkeypatch.undo()                                  # the app reads with the real clock
    return store


def test_teacher_dashboard(snap_compare, classroom):
    from tutor.content.loader import load_lessons
    from tutor.teacher_app import ClassDashboard

    lessons, _ = load_lessons("en", FIXTURES)
    app = ClassDashboard(classroom, lessons, lang="en")

    async def rows_in(pilot):
        from textual.widgets import DataTable

        await wait_until(pilot, lambda: pilot.app.query_one(DataTable).row_count == 3, "three students")

    assert snap_compare(app, terminal_size=SIZE, run_before=rows_in)
