"""SVG snapshots of the main screens at 100×32 (fixture lessons, a fresh store
in a temporary data folder).

Update after an intended change with
    python -m pytest tests/app/test_snapshots.py --snapshot-update
and look at the new SVGs before committing them.
"""
from __future__ import annotations

from app_helpers import SIZE, make_app, new_store


def app_for(tmp_path, lang="en"):
    # A new, empty store: nothing seen yet, no clock on screen, same picture every run.
    return make_app(lang=lang, store=new_store(tmp_path))


def test_home(snap_compare, tmp_path):
    assert snap_compare(app_for(tmp_path), terminal_size=SIZE)


def test_home_chinese(snap_compare, tmp_path):
    assert snap_compare(app_for(tmp_path, "zh"), terminal_size=SIZE)


def test_lesson_page_with_display_math(snap_compare, tmp_path):
    assert snap_compare(app_for(tmp_path), press=["enter"], terminal_size=SIZE)


def test_help(snap_compare, tmp_path):
    assert snap_compare(app_for(tmp_path), press=["question_mark"], terminal_size=SIZE)
