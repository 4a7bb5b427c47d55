"""PostgreSQL stopped in the middle of a quiz (pg_ctl stop, as a restart or a crash does):
the student is told at once, no answer is lost, and what was kept is written when the
server is back — in the app, in `dltutor quiz --plain --db URL`, and in the store itself."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import psycopg
from plain_quiz import Plain, lessons

from tutor.progress import Store, Unavailable


def saved_answers(url: str, student: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute("SELECT raw FROM answers WHERE student = %s ORDER BY id", (student,))]


def wait_for(predicate, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def test_the_store_keeps_writes_in_order_and_writes_them_when_the_server_is_back(own_pg):
    url = own_pg.new_database()
    store = Store(url)
    store.retry_every = 0.2
    heard = []
    store.on_notice = heard.append
    try:
        store.record_answer("ann", "l", "q1", "1", "right", True)
        assert store.lesson_status("ann")["l"]["answers"] == 1
        own_pg.stop()
        store.record_answer("ann", "l", "q2", "2", "wrong", False)
        assert store.saving is False and [n.key for n in heard] == ["not_saved"]     # told during the write
        assert "not being saved" in heard[0] and "kept in memory" in heard[0]
        assert "进度没有被保存" in heard[0].text("zh")
        store.record_answer("ann", "l", "q3", "3", "right", True)
        store.quiz_score("ann", "l", 2, 3)
        assert store.lesson_status("ann")["l"]["answers"] == 1          # the last answer the server gave
        try:
            store.answers("bob")
            raise AssertionError("a read never answered before cannot be made up")
        except Unavailable:
            pass
        time.sleep(1)                                                   # retries fail quietly meanwhile
        assert [n.key for n in heard] == ["not_saved"]
        own_pg.start()
        assert wait_for(lambda: store.saving), store.reason             # the background retry wrote them
        assert [n.key for n in heard] == ["not_saved", "saving_again"]
        assert "3 change(s) kept in memory were written" in heard[1]
        assert saved_answers(url, "ann") == ["1", "2", "3"]
        assert store.lesson_status("ann")["l"]["best"] == (2, 3)
    finally:
        store.close()


def test_a_write_cut_off_by_the_stop_is_not_lost(own_pg):
    """The server stops between two writes of the app's one connection: the next write finds
    the connection dead, is kept, and is written later."""
    url = own_pg.new_database()
    with Store(url) as store:
        store.retry_every = 0.2
        store.page_seen("ann", "l", 0)
        own_pg.stop()
        own_pg.start()                      # back already, but this connection is gone
        store.page_seen("ann", "l", 1)
        assert wait_for(lambda: store.saving)
        assert store.last_position("ann") == ("l", 1)


def test_plain_quiz_with_the_server_stopped_mid_way(own_pg, tmp_path):
    url = own_pg.new_database()
    quiz = Plain(lessons(tmp_path), "--student", "ada", "--db", url, "--data-dir", str(tmp_path / "data"))
    prompt = "Your answer (a number):"
    try:
        quiz.read_until(prompt)
        quiz.answer("2")                                    # saved
        quiz.read_until(prompt)
        own_pg.stop()
        quiz.answer("4")                                    # the server is gone now
        after = quiz.read_until(prompt)
        assert "Progress is not being saved" in after and "kept in memory" in after, after
        own_pg.start()
        quiz.answer("6")
        quiz.proc.stdin.close()
        end = quiz.proc.stdout.read().decode()
        assert quiz.proc.wait(60) == 0, quiz.proc.stderr.read().decode()
    finally:
        if quiz.proc.poll() is None:
            quiz.proc.kill()
    assert "Your best and your last scores are kept" not in end or "Saving works again" in end, end
    assert saved_answers(url, "ada") == ["2", "4", "6"]     # written when the server came back
    with Store(url) as store:
        assert store.lesson_status("ada")["sums"]["best"] == (3, 3)


def test_the_app_shows_the_outage_and_the_return(own_pg, tmp_path):
    asyncio.run(app_mid_quiz(own_pg, lessons(tmp_path)))


async def app_mid_quiz(cluster, root) -> None:
    from tutor.app import DLTutorApp

    url = cluster.new_database()
    store = Store(url)
    store.retry_every = 0.2
    app = DLTutorApp(lang="en", student="ada", store=store, root=root, lesson="sums", page=1)

    def notes() -> list[str]:
        return [n.message for n in app._notifications]

    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter", "enter")                     # saved; on to question 2
        await pilot.pause()
        cluster.stop()
        await pilot.press("4", "enter")
        await pilot.pause()
        assert any("Progress is not being saved" in n for n in notes()), notes()
        await pilot.press("enter", "6", "enter", "enter")          # the last answer, then the quiz's end
        await pilot.pause()
        end = str(app.screen.query_one("#quiz-ask").render())
        assert "have not been saved" in end, end                     # no false claim
        cluster.start()
        for _ in range(300):                                         # the retry thread, not a key press
            await pilot.pause(0.1)
            if any("Saving works again" in n for n in notes()):
                break
        assert any("Saving works again" in n for n in notes()), notes()
    store.close()
    assert saved_answers(url, "ada") == ["2", "4", "6"]
    with Store(url) as saved:
        assert saved.lesson_status("ada")["sums"]["best"] == (3, 3)


KEEPER = r"""
import sys, time
from tutor.progress import Store
store = Store(sys.argv[1], journal=sys.argv[2])
for i in range(3):
    store.record_answer("ann", "l", f"q{i}", str(i), "right", True)
print("saving" if store.saving else "kept", flush=True)
time.sleep(600)
"""


def test_a_session_cut_off_during_the_outage_loses_nothing(own_pg, tmp_path):
    """The student's process is killed (connection dropped) while the server is down: its
    kept writes are on disk, and the next store on that data folder writes them."""
    url = own_pg.new_database()
    Store(url).close()
    own_pg.stop()
    data = tmp_path / "data"
    keeper = subprocess.Popen([sys.executable, "-c", KEEPER, url, str(data)], stdout=subprocess.PIPE, text=True)
    try:
        assert keeper.stdout.readline().strip() == "kept"
        [kept] = list((data / "unsent").iterdir())
        assert kept.stat().st_mode & 0o777 == 0o600 and (data / "unsent").stat().st_mode & 0o777 == 0o700
        keeper.kill()                                           # no goodbye, no last try
        keeper.wait(30)
    finally:
        if keeper.poll() is None:
            keeper.kill()
    own_pg.start()
    with Store(url, journal=data) as store:                     # the next session on this server
        assert store.saving
        assert [a["raw"] for a in store.answers("ann")] == ["0", "1", "2"]
    assert list((data / "unsent").iterdir()) == []
    with Store(url, journal=data) as store:                     # written once, not again
        assert len(store.answers("ann")) == 3


def test_a_plain_quiz_finished_during_the_outage_is_written_by_the_next_command(own_pg, tmp_path):
    url = own_pg.new_database()
    Store(url).close()
    own_pg.stop()
    quiz = subprocess.run([sys.executable, "-m", "tutor", "quiz", "--plain", "sums", "--student", "ada", "--db", url,
                           "--data-dir", str(tmp_path / "data")], input="2\n4\n6\n", capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, DLTUTOR_LESSONS=str(lessons(tmp_path))))
    assert quiz.returncode == 0, quiz.stderr
    assert "Progress is not being saved" in quiz.stdout + quiz.stderr and "have not been saved" in quiz.stdout
    own_pg.start()
    later = subprocess.run([sys.executable, "-m", "tutor", "progress", "--csv", "--student", "ada", "--db", url,
                            "--data-dir", str(tmp_path / "data")], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, DLTUTOR_LESSONS=str(lessons(tmp_path / "again"))))
    assert later.returncode == 0, later.stderr
    assert saved_answers(url, "ada") == ["2", "4", "6"]
    assert "sums,Sums,0,2,3,3,3,3," in later.stdout, later.stdout      # best and last: 3/3
