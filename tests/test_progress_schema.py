"""progress.db from release 0.1.0 (files made by the released code: tests/fixtures/progress/)
upgrades in place, keeps every row, and the released code can still open the upgraded file."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tutor.progress import Store
from tutor.progress.schema import VERSION

OLD = Path(__file__).parent / "fixtures" / "progress"


def version(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("name", ["v1-0.1.0.db", "v1-before-exercises.db"])
def test_a_version_1_file_upgrades_in_place(tmp_path, name):
    path = tmp_path / "progress.db"
    shutil.copy(OLD / name, path)
    assert version(path) == "1"
    with Store(path) as store:
        assert store.saving and store.notices == []              # upgraded, not moved aside
        assert [(a["question"], a["raw"], a["correct"]) for a in store.answers("ann")] == [
            ("q1", "2*x", True), ("q2", "<b>3</b>", False)]
        status = store.lesson_status("ann")["gradients"]
        assert status["pages"] == [0, 1] and status["best"] == (1, 2)
        assert store.labs("ann") == {"gd1d": 1} and store.last_position("bob") == ("derivatives", 3)
        assert store.students() == ["ann", "bob"]
        store.exercise_checked("ann", "02_relu", "passed")       # the table exists now in both
        store.record_answer("ann", "gradients", "q3", "4", "correct", True)
    assert version(path) == str(VERSION)
    assert [p.name for p in tmp_path.iterdir() if "corrupt" in p.name] == []
    with Store(path) as store:
        assert len(store.answers("ann")) == 3 and "02_relu" in store.exercise_status("ann")


def test_the_upgraded_file_still_opens_in_the_released_schema(tmp_path):
    """A migration only adds: 0.1.0's column check (same tables, same columns) still passes."""
    path = tmp_path / "progress.db"
    shutil.copy(OLD / "v1-0.1.0.db", path)
    Store(path).close()
    conn = sqlite3.connect(path)
    released = {       # 0.1.0's COLUMNS, the check it runs on every file it opens
        "pages": ("student", "lesson", "page", "first_seen", "last_seen"),
        "answers": ("id", "student", "lesson", "question", "raw", "verdict", "correct", "at"),
        "scores": ("student", "lesson", "best_score", "best_total", "best_at", "last_score", "last_total",
                   "last_at"),
        "labs": ("student", "lab", "times", "first_opened", "last_opened"),
        "position": ("student", "lesson", "page", "at"),
    }
    for table, columns in released.items():
        assert tuple(row[1] for row in conn.execute(f"PRAGMA table_info({table})")) == columns
    conn.close()


def test_a_file_from_a_newer_dltutor_is_read_never_written_nor_moved(tmp_path):
    path = tmp_path / "progress.db"
    shutil.copy(OLD / "v1-0.1.0.db", path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with Store(path) as store:
        assert store.saving is False and "newer dltutor" in store.notices[0]
        assert len(store.answers("ann")) == 2                    # what it holds is shown
        store.record_answer("ann", "gradients", "q9", "1", "correct", True)   # kept in memory
    assert version(path) == "99" and path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if "corrupt" in p.name] == []
