"""Many processes writing one progress file (a classroom server): no lost rows, no 'locked'."""
from __future__ import annotations

import multiprocessing as mp

from tutor.progress import Store

PROCESSES = 8
WRITES = 50


def _student(args: tuple[str, int]) -> tuple[int, list[str]]:
    path, n = args
    store = Store(path)
    errors = list(store.notices)
    written = 0
    for i in range(WRITES):
        try:
            store.record_answer(f"s{n}", "lesson", f"q{i}", str(i), "ok", i % 2 == 0)
            if i % 10 == 0:
                store.page_seen(f"s{n}", "lesson", i // 10)
                store.quiz_score(f"s{n}", "lesson", i, WRITES)
            written += 1
        except Exception as exc:  # what the test is about: none of these
            errors.append(f"{type(exc).__name__}: {exc}")
    errors += [n for n in store.notices if n not in errors]
    saving = store.saving
    store.close()
    if not saving:
        errors.append("fell back to memory")
    return written, errors


def test_eight_processes_fifty_writes_each(tmp_path):
    path = str(tmp_path / "class.db")
    with mp.get_context("spawn").Pool(PROCESSES) as pool:
        results = pool.map(_student, [(path, n) for n in range(PROCESSES)])
    assert [errors for _, errors in results] == [[]] * PROCESSES
    assert sum(written for written, _ in results) == PROCESSES * WRITES
    with Store(path) as store:
        for n in range(PROCESSES):
            answers = store.answers(f"s{n}")
            assert [a["question"] for a in answers] == [f"q{i}" for i in range(WRITES)]
            status = store.lesson_status(f"s{n}")["lesson"]
            assert status["seen"] == WRITES // 10 and status["last"] == (40, WRITES)


def _open_and_write(args: tuple[str, int]) -> tuple[bool, int]:
    path, n = args
    store = Store(path)
    store.record_answer(f"s{n}", "l", "q", "1", "ok", True)
    moved = any("moved" in notice for notice in store.notices)
    saving = store.saving
    store.close()
    return saving, moved


def test_many_processes_meeting_one_damaged_file(tmp_path):
    path = tmp_path / "class.db"
    path.write_bytes(b"not a database " * 500)
    with mp.get_context("spawn").Pool(PROCESSES) as pool:
        results = pool.map(_open_and_write, [(str(path), n) for n in range(PROCESSES)])
    assert all(saving for saving, _ in results)
    assert sum(moved for _, moved in results) >= 1
    with Store(path) as store:  # every process wrote into the same fresh file
        assert store.students() == [f"s{n}" for n in range(PROCESSES)]
