"""A classroom's one progress database: 40 writers at once, and writers killed mid-way."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

from tutor.progress import Store

# One student process: opens the shared store and records N answers in order.
WRITER = r"""
import sys
from tutor.progress import Store
path, student, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = Store(path)
problems = list(store.notices)
for i in range(n):
    try:
        store.record_answer(student, "gradients", f"q{i}", f"{i}", "right" if i % 3 else "wrong", i % 3 != 0)
    except Exception as exc:
        problems.append(f"{type(exc).__name__}: {exc}")
if not store.saving:
    problems.append("not saving")
print("PROBLEMS:" + " | ".join(problems) if problems else "OK", flush=True)
"""


def start_writers(path, count, answers):
    return [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"student{k:02d}", str(answers)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for k in range(count)]


def test_forty_students_two_hundred_answers_each(tmp_path):
    path = tmp_path / "progress.db"
    Store(path).close()   # the server's data directory already holds the file
    writers = start_writers(path, 40, 200)
    outputs = [w.communicate(timeout=300) for w in writers]
    assert [out.strip() for out, _ in outputs] == ["OK"] * 40, [err for _, err in outputs if err][:3]
    assert all("locked" not in out + err for out, err in outputs)
    with Store(path) as store:
        assert store.saving and not store.notices
        for k in range(40):
            questions = [a["question"] for a in store.answers(f"student{k:02d}")]
            assert questions == [f"q{i}" for i in range(200)]


def test_writers_killed_mid_way_leave_a_consistent_database(tmp_path):
    path = tmp_path / "progress.db"
    Store(path).close()
    writers = start_writers(path, 12, 100_000)
    time.sleep(2.0)
    for w in writers:
        w.send_signal(signal.SIGKILL)
    for w in writers:
        w.wait(30)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store(path) as store:
        assert store.saving and not store.notices    # opened as it is: not moved aside
        total = 0
        for k in range(12):
            questions = [a["question"] for a in store.answers(f"student{k:02d}")]
            # Each answer was its own transaction: what survived is a prefix, no gaps.
            assert questions == [f"q{i}" for i in range(len(questions))]
            total += len(questions)
        assert total > 0
        store.record_answer("after", "gradients", "q0", "1", "right", True)   # and it still takes writes
        assert store.answers("after")
