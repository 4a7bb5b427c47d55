"""The progress store: answers survive, scores keep best and last, bad files never crash."""
from __future__ import annotations

import sqlite3

import pytest

from tutor.progress import Store, default_path, default_student


def test_answers_and_pages_survive_reopening(tmp_path):
    path = tmp_path / "p.db"
    with Store(path) as store:
        assert store.saving and store.notices == []
        store.page_seen("ann", "gradients", 0)
        store.page_seen("ann", "gradients", 2)
        store.page_seen("ann", "gradients", 2)
        store.record_answer("ann", "gradients", "q1", " 2*x ", "correct", True)
        store.record_answer("ann", "gradients", "q2", "'; DROP TABLE answers; --", "wrong", False)
        store.lab_opened("ann", "gd1d")
        store.lab_opened("ann", "gd1d")
    with Store(path) as store:
        answers = store.answers("ann")
        assert [(a["question"], a["raw"], a["verdict"], a["correct"]) for a in answers] == [
            ("q1", " 2*x ", "correct", True), ("q2", "'; DROP TABLE answers; --", "wrong", False)]
        status = store.lesson_status("ann")["gradients"]
        assert status["pages"] == [0, 2] and status["seen"] == 2
        assert status["answers"] == 2 and status["correct"] == 1
        assert status["last_active"] is not None
        assert store.last_position("ann") == ("gradients", 2)
        assert store.labs("ann") == {"gd1d": 2}


def test_students_are_kept_apart(tmp_path):
    with Store(tmp_path / "p.db") as store:
        store.page_seen("ann", "a", 1)
        store.page_seen("bob", "b", 3)
        assert store.last_position("ann") == ("a", 1)
        assert store.last_position("bob") == ("b", 3)
        assert store.last_position("cy") is None
        assert list(store.lesson_status("ann")) == ["a"]
        assert store.students() == ["ann", "bob"]


def test_best_and_last_quiz_scores(tmp_path):
    with Store(tmp_path / "p.db") as store:
        store.quiz_score("ann", "l", 2, 5)
        store.quiz_score("ann", "l", 4, 5)
        store.quiz_score("ann", "l", 1, 5)
    with Store(tmp_path / "p.db") as store:
        status = store.lesson_status("ann")["l"]
        assert status["best"] == (4, 5) and status["last"] == (1, 5)
        store.quiz_score("ann", "l", 2.5, 2.5)
        status = store.lesson_status("ann")["l"]
        assert status["best"] == (2.5, 2.5) and status["last"] == (2.5, 2.5)
        [row] = store.rows()
        assert (row["student"], row["lesson"], row["best_score"], row["last_total"]) == ("ann", "l", 2.5, 2.5)


def test_wal_mode(tmp_path):
    Store(tmp_path / "p.db").close()
    conn = sqlite3.connect(tmp_path / "p.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_corrupt_file_is_moved_aside(tmp_path):
    path = tmp_path / "p.db"
    garbage = b"this is not a database at all " * 200
    path.write_bytes(garbage)
    with Store(path) as store:
        assert store.saving
        assert len(store.notices) == 1 and "moved" in store.notices[0]
        store.record_answer("ann", "l", "q", "1", "ok", True)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("p.db.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert aside[0].name in store.notices[0]
    with Store(path) as store:  # the fresh file is a good one
        assert store.notices == [] and len(store.answers("ann")) == 1


def test_a_fresh_file_another_process_started_is_never_moved_aside(tmp_path):
    """The race of a class meeting one damaged file: this process saw the damaged
    file, another moved it aside and started writing a fresh one (with its WAL)."""
    from tutor.progress.sqlite import _identity

    path = tmp_path / "p.db"
    path.write_bytes(b"not a database " * 100)
    seen = _identity(path)
    with Store(path) as other:  # moves the damaged file aside, writes a fresh one
        other.record_answer("ann", "l", "q", "1", "ok", True)
        assert (tmp_path / "p.db-wal").exists()
        with Store(tmp_path / "elsewhere.db") as late:
            late.path = path
            assert late._move_aside(seen) is None
        assert len([p for p in tmp_path.iterdir() if ".corrupt-" in p.name]) == 1
    with Store(path) as store:
        assert [a["question"] for a in store.answers("ann")] == ["q"]


def test_damaged_pages_inside_a_real_database(tmp_path):
    path = tmp_path / "p.db"
    with Store(path) as store:
        for i in range(300):
            store.record_answer("ann", "l", f"q{i}", "x" * 200, "ok", True)
    conn = sqlite3.connect(path)  # fold the WAL in, then spoil the middle of the file
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096:12288] = b"\xff" * 8192
    path.write_bytes(bytes(data))
    with Store(path) as store:
        assert store.saving and "moved" in store.notices[0]  # quick_check caught it
        assert store.answers("ann") == []
        store.record_answer("ann", "l", "again", "1", "ok", True)
        assert any(a["question"] == "again" for a in store.answers("ann"))


def test_unwritable_location_keeps_working_in_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    with Store(blocker / "sub" / "p.db") as store:
        assert store.saving is False
        assert len(store.notices) == 1 and "not being saved" in store.notices[0]
        store.page_seen("ann", "l", 4)
        store.record_answer("ann", "l", "q", "1", "ok", True)
        store.quiz_score("ann", "l", 1, 1)
        assert store.last_position("ann") == ("l", 4)
        assert store.lesson_status("ann")["l"]["best"] == (1, 1)


def test_read_only_file_is_read_into_memory(tmp_path):
    path = tmp_path / "p.db"
    with Store(path) as store:
        store.page_seen("ann", "l", 3)
    store = Store.__new__(Store)  # a file we may read but not write (root ignores chmod)
    store.path, store.saving, store.notices = path, True, []
    store.on_notice, store.retry_every, store._pending = None, 60.0, []
    store._lock = __import__("threading").RLock()
    store._conn = store._memory("read-only", copy_from=path)
    assert store.saving is False and store.last_position("ann") == ("l", 3)
    store.page_seen("ann", "l", 5)
    assert store.last_position("ann") == ("l", 5)
    store.close()


def test_default_path_and_student(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_DATA_DIR", str(tmp_path / "env"))
    assert default_path() == tmp_path / "env" / "progress.db"
    assert default_path(tmp_path / "arg") == tmp_path / "arg" / "progress.db"
    monkeypatch.delenv("DLTUTOR_DATA_DIR")
    assert default_path().name == "progress.db" and "dltutor" in str(default_path())
    assert default_student()


def test_student_falls_back_when_the_system_has_no_name(monkeypatch):
    def no_name():
        raise KeyError("no passwd entry")

    monkeypatch.setattr("getpass.getuser", no_name)
    assert default_student() == "student"


@pytest.mark.parametrize("name", ["ann", "o'brien", "学生", "x\"; DROP TABLE pages; --", " "])
def test_names_are_just_data(tmp_path, name):
    with Store(tmp_path / "p.db") as store:
        store.page_seen(name, "l", 0)
        assert store.last_position(name) == ("l", 0)


def test_a_write_that_fails_mid_session_is_kept_in_memory(tmp_path):
    store = Store(tmp_path / "p.db")
    store.record_answer("ann", "l", "q1", "1", "ok", True)
    store._conn.close()  # the file goes away under us (disk unplugged, say)
    store.record_answer("ann", "l", "q2", "2", "ok", True)
    assert store.saving is False and "not being saved" in store.notices[-1]
    assert [a["question"] for a in store.answers("ann")] == ["q1", "q2"]
    store.close()


def test_a_foreign_sqlite_file_is_moved_aside(tmp_path):
    path = tmp_path / "p.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE pages (something TEXT)")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.saving and "moved" in store.notices[0]
        store.page_seen("ann", "l", 1)
        assert store.last_position("ann") == ("l", 1)
