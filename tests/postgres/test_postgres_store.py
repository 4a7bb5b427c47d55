"""The progress store on a real PostgreSQL server keeps the same promises as on SQLite:
the same answers back, the same schema (versioned, migrated in place), idempotent writes,
and a database it cannot use is said, never a crash."""
from __future__ import annotations

import threading
import time

import psycopg
import pytest

from tutor.progress import MAX_ANSWER, Store, Unavailable
from tutor.progress.ops import Write
from tutor.progress.schema import MIGRATIONS, VERSION, statements


@pytest.fixture(params=["sqlite", "postgres"])
def where(request, tmp_path):
    if request.param == "sqlite":
        return tmp_path / "progress.db"
    return request.getfixturevalue("pg_url")


def fill(store: Store) -> None:
    store.page_seen("ann", "gradients", 0)
    store.page_seen("ann", "gradients", 2)
    store.page_seen("ann", "gradients", 2)
    store.record_answer("ann", "gradients", "q1", " 2*x ", "correct", True)
    store.record_answer("ann", "gradients", "q2", "'; DROP TABLE answers; --", "wrong", False)
    store.quiz_score("ann", "gradients", 2, 5)
    store.quiz_score("ann", "gradients", 4, 5)
    store.quiz_score("ann", "gradients", 1, 5)
    store.lab_opened("ann", "gd1d")
    store.lab_opened("ann", "gd1d")
    store.exercise_checked("ann", "01_sigmoid", "failing")
    store.exercise_checked("ann", "01_sigmoid", "passed")
    store.page_seen("Bob", "derivatives", 3)
    store.page_seen("学生", "derivatives", 1)


def test_the_same_answers_on_both(where):
    with Store(where) as store:
        assert store.saving and store.notices == []
        fill(store)
    with Store(where) as store:
        assert [(a["question"], a["raw"], a["verdict"], a["correct"]) for a in store.answers("ann")] == [
            ("q1", " 2*x ", "correct", True), ("q2", "'; DROP TABLE answers; --", "wrong", False)]
        status = store.lesson_status("ann")["gradients"]
        assert status["pages"] == [0, 2] and status["seen"] == 2
        assert (status["answers"], status["correct"]) == (2, 1)
        assert status["best"] == (4, 5) and status["last"] == (1, 5)
        assert isinstance(status["last_active"], float)
        assert store.last_position("ann") == ("gradients", 2)
        assert store.labs("ann") == {"gd1d": 2}
        ex = store.exercise_status("ann")["01_sigmoid"]
        assert (ex["status"], ex["attempts"]) == ("passed", 2) and ex["passed_at"] is not None
        assert store.students() == sorted(["ann", "Bob", "学生"])     # the same order on both
        assert [r["lesson"] for r in store.rows("ann")] == ["gradients"]


def test_times_keep_their_fractions(where):
    """A REAL is single precision on PostgreSQL: the schema says DOUBLE PRECISION there."""
    with Store(where) as store:
        before = time.time()
        store.record_answer("ann", "l", "q", "1", "ok", True)
        at = store.answers("ann")[0]["at"]
        assert abs(at - before) < 60 and at != round(at)


def test_a_write_sent_twice_counts_once(where):
    """A write whose COMMIT was cut off is sent again: it must not count twice."""
    with Store(where) as store:
        writes = [Write("record_answer", ("ann", "l", "q", "7", "right", 1, 1000.25)),
                  Write("lab_opened", ("ann", "gd1d", 1000.5)),
                  Write("exercise_checked", ("ann", "01", "passed", 1000.75, 1000.75)),
                  Write("quiz_score", ("ann", "l", 3, 4, 1001.0)),
                  Write("page_seen", ("ann", "l", 2, 1001.5))]
        for write in writes + writes:
            store._write(write)
        assert len(store.answers("ann")) == 1
        assert store.labs("ann") == {"gd1d": 1}
        assert store.exercise_status("ann")["01"]["attempts"] == 1
        assert store.lesson_status("ann")["l"]["best"] == (3, 4)
        store.lab_opened("ann", "gd1d")                         # a new opening still counts
        assert store.labs("ann") == {"gd1d": 2}


def test_answers_are_capped_and_any_text_is_kept(where):
    with Store(where) as store:
        store.record_answer("ann", "l", "q", "9" * (MAX_ANSWER * 5), "wrong", False)
        store.record_answer("ann", "l", "q", "a\x00b", "wrong", False)        # NUL: PostgreSQL refuses it in text
        store.record_answer("ann", "l", "q", "x\udcff", "wrong", False)       # a lone surrogate (bad UTF-8 input)
        raws = [a["raw"] for a in store.answers("ann")]
        assert len(raws[0]) == MAX_ANSWER
        assert raws[1].startswith("a") and raws[1].endswith("b")
        assert raws[2].startswith("x") and len(raws) == 3
        assert store.saving


def test_postgres_schema_is_versioned(pg_url):
    Store(pg_url).close()
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == str(VERSION)
        kinds = dict(conn.execute("SELECT column_name, data_type FROM information_schema.columns "
                                  "WHERE table_name = 'answers'").fetchall())
        assert kinds["at"] == "double precision"


def test_a_version_1_postgres_database_upgrades_in_place(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:          # what 0.1.0's tables look like
        for sql in statements("postgres", 0)[:len(MIGRATIONS[1])]:
            conn.execute(sql)
        conn.execute("INSERT INTO meta VALUES ('schema', '1')")
        conn.execute("INSERT INTO answers (student, lesson, question, raw, verdict, correct, at) "
                     "VALUES ('ann', 'l', 'q', '2', 'right', 1, 5.5)")
    with Store(pg_url) as store:
        assert store.saving, store.notices
        assert [a["raw"] for a in store.answers("ann")] == ["2"]
        store.exercise_checked("ann", "01", "passed")               # the table version 2 adds
        assert store.exercise_status("ann")["01"]["status"] == "passed"
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == str(VERSION)


def test_servers_starting_together_migrate_once(pg_url):
    errors, stores = [], []

    def start():
        try:
            store = Store(pg_url)
            stores.append(store)
            if not store.saving:
                errors.append(list(store.notices))
        except Exception as exc:   # noqa: BLE001 - any failure is the finding
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == [] and len(stores) == 8
    for store in stores:
        store.close()


def test_tables_that_are_not_ours_are_left_alone_and_said(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE pages (id SERIAL PRIMARY KEY, title TEXT)")
        conn.execute("INSERT INTO pages (title) VALUES ('the department wiki')")
    with Store(pg_url) as store:
        assert store.saving is False
        assert "not dltutor's" in store.notices[0] and "not being saved" in store.notices[0]
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT title FROM pages").fetchall() == [("the department wiki",)]


def test_a_newer_schema_is_read_never_written(pg_url):
    Store(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with Store(pg_url) as store:
        assert store.saving is False and "newer dltutor" in store.notices[0]
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "99"


def test_an_unreachable_server_is_said_at_once_and_never_hangs(pg):
    url = pg.url("postgres").replace(f":{pg.port}/", ":1/")        # nothing listens on port 1
    started = time.monotonic()
    store = Store(url)
    try:
        store.record_answer("ann", "l", "q", "2", "right", True)
        assert store.saving is False and len(store.notices) == 1
        assert "not being saved" in store.notices[0] and "127.0.0.1" in store.notices[0]
        with pytest.raises(Unavailable):
            store.answers("ann")
        assert time.monotonic() - started < 30          # liveness: refused, not waited on
    finally:
        store.close()


def test_a_password_in_the_url_is_never_shown(pg):
    url = pg.url("postgres").replace("postgres@", "postgres:s3cret@").replace(f":{pg.port}/", ":1/")
    with Store(url) as store:
        assert "s3cret" not in store.notices[0] and "***" in store.notices[0]


def test_a_name_that_is_not_utf8_is_one_student(where):
    """`--student` from a command line in the C locale arrives with surrogates."""
    with Store(where) as store:
        store.page_seen("x\udcff", "l", 1)
        assert store.last_position("x\udcff") == ("l", 1)
        assert store.students() == ["x\ufffd"]


def test_class_on_a_database_that_is_away_says_why(pg):
    import subprocess
    import sys

    url = pg.url("postgres").replace(f":{pg.port}/", ":1/")
    done = subprocess.run([sys.executable, "-m", "tutor", "class", "--db", url, "--csv"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "cannot read the class's progress" in done.stderr
    assert "Traceback" not in done.stderr
