"""SVG snapshots of the main screens at 100×32 (fixture lessons, empty store).

Update after an intended change with
    python -m pytest tests/app/test_snapshots.py --snapshot-update
and look at the new SVGs before committing them.
"""
from __future__ import annotations

from app_helpers import MemoryStore, SIZE, make_app


def app_for(lang="en"):
    # An in-memory store: no clock, no files, nothing to differ between runs.
    return make_app(lang=lang, store=MemoryStore())


def test_home(snap_compare):
    assert snap_compare(app_for(), terminal_size=SIZE)


def test_home_chinese(snap_compare):
    assert snap_compare(app_for("zh"), terminal_size=SIZE)


def test_lesson_page_with_display_math(snap_compare):
    assert snap_compare(app_for(), press=["enter"], terminal_size=SIZE)


def test_help(snap_compare):
    assert snap_compare(app_for(), press=["question_mark"], terminal_size=SIZE)
