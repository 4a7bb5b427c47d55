"""The progress store keeps each exercise's last status and how many times it was checked."""
from __future__ import annotations

import sqlite3

from tutor.progress import Store


def test_status_attempts_and_the_first_pass_are_kept(tmp_path):
    with Store(tmp_path / "progress.db") as store:
        store.exercise_checked("ann", "04_sigmoid", "failing")
        store.exercise_checked("ann", "04_sigmoid", "passed")
        first_pass = store.exercise_status("ann")["04_sigmoid"]["passed_at"]
        store.exercise_checked("ann", "04_sigmoid", "failing")      # broke it again later
        store.exercise_checked("bob", "01_derivative", "unfinished")
    with Store(tmp_path / "progress.db") as store:                  # it is on disk
        ann = store.exercise_status("ann")
        assert ann == {"04_sigmoid": {"status": "failing", "attempts": 3, "last_at": ann["04_sigmoid"]["last_at"],
                                      "passed_at": first_pass}}
        assert first_pass is not None
        assert store.exercise_status("bob")["01_derivative"]["passed_at"] is None
        assert store.exercise_status("carol") == {}


def test_a_progress_file_from_before_exercises_gets_the_table(tmp_path):
    path = tmp_path / "progress.db"
    with Store(path) as store:
        store.page_seen("ann", "derivatives", 0)
    with sqlite3.connect(path) as conn:                     # as a file written by an older dltutor
        conn.execute("DROP TABLE exercises")
    with Store(path) as store:
        assert store.notices == []                          # not "damaged": nothing moved aside
        store.exercise_checked("ann", "07_dense", "passed")
        assert store.exercise_status("ann")["07_dense"]["attempts"] == 1
        assert store.last_position("ann") == ("derivatives", 0)
