"""`dltutor class`: the teacher's dashboard over a classroom's progress file."""
from __future__ import annotations

import asyncio
import csv
import io
import subprocess
import sys

import pytest

from tutor.content import load_lessons
from tutor.progress import Store
from tutor.teacher import class_rows, sort_rows, stuck_question


@pytest.fixture
def classroom(tmp_path):
    store = Store(tmp_path / "progress.db")
    store.page_seen("alice", "derivatives", 0)
    store.page_seen("alice", "derivatives", 1)
    store.record_answer("alice", "derivatives", "sqrt-approx", "2.1", "wrong", False)
    store.record_answer("alice", "derivatives", "sqrt-approx", "2.0025", "right", True)
    store.quiz_score("alice", "derivatives", 3, 4)
    store.page_seen("bob", "gradients", 0)
    store.record_answer("bob", "gradients", "grad-norm", "abc", "unreadable", False)
    store.record_answer("bob", "gradients", "grad-at", "1", "wrong", False)
    yield tmp_path, store
    store.close()


def test_stuck_is_the_latest_question_still_wrong(classroom):
    _, store = classroom
    rows = {r.student: r for r in class_rows(store)}
    assert rows["alice"].stuck_on == ""                    # got it right on the second try
    assert rows["bob"].stuck_on == "gradients:grad-at"     # unreadable input is not being stuck
    assert rows["alice"].pages_seen == 2 and rows["alice"].quiz_points == 3


def test_stuck_question_orders_by_time():
    answers = [dict(lesson="l", question="a", correct=False, verdict="wrong", at=1.0),
               dict(lesson="l", question="b", correct=False, verdict="wrong", at=2.0),
               dict(lesson="l", question="b", correct=True, verdict="right", at=3.0)]
    assert stuck_question(answers) == "l:a"


def test_sorting(classroom):
    _, store = classroom
    rows = class_rows(store)
    assert [r.student for r in sort_rows(rows, "pages seen")] == ["alice", "bob"]
    assert [r.student for r in sort_rows(rows, "stuck on")] == ["bob", "alice"]


def test_csv_export(classroom):
    data_dir, _ = classroom
    out = subprocess.run([sys.executable, "-m", "tutor", "class", "--data-dir", str(data_dir), "--csv"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    table = list(csv.DictReader(io.StringIO(out.stdout)))
    alice = next(r for r in table if r["student"] == "alice")
    assert (alice["lesson"], alice["pages_seen"], alice["best_score"], alice["best_total"]) == \
        ("derivatives", "2", "3", "4")
    assert next(r for r in table if r["student"] == "bob")["stuck_on"] == "gradients:grad-at"


def test_no_progress_file_is_a_clear_error(tmp_path):
    out = subprocess.run([sys.executable, "-m", "tutor", "class", "--data-dir", str(tmp_path / "nowhere")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "no progress file" in out.stderr and "Traceback" not in out.stderr


def test_dashboard_shows_students_and_refreshes(classroom):
    asyncio.run(_dashboard(classroom))


async def _dashboard(classroom):
    from textual.widgets import DataTable

    from tutor.teacher_app import ClassDashboard

    _, store = classroom
    lessons, _ = load_lessons("en")
    app = ClassDashboard(store, lessons, refresh=0.2)
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.query_one(DataTable)
        assert table.row_count == 2
        # the lesson columns are numbered as the students' home screen numbers them
        from tutor.screens.standing import numbering

        numbers = numbering(lessons)
        labels = [str(column.label) for column in table.columns.values()][3:]
        assert labels == [numbers[lesson.id] for lesson in lessons] and "2.1" in labels and "2.10" not in labels
        store.page_seen("carol", "derivatives", 0)        # a student joins while the teacher watches
        await pilot.pause(0.5)
        assert table.row_count == 3
        await pilot.press("s")                             # sort by last active: carol first
        assert app.sort_by == "last active"
        assert table.get_row_at(0)[0] == "carol"


def test_dashboard_in_chinese(classroom):
    async def go():
        from textual.widgets import DataTable, Static

        from tutor.teacher_app import ClassDashboard

        _, store = classroom
        lessons, _ = load_lessons("zh")
        app = ClassDashboard(store, lessons, refresh=5, lang="zh")
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            labels = [str(column.label) for column in app.query_one(DataTable).columns.values()][:3]
            assert labels == ["学生", "最近活动", "卡在"]
            assert "名学生 · 按学生排序" in str(app.query_one("#status", Static).render())
    asyncio.run(go())


def test_a_refresh_tick_while_the_dashboard_closes_does_nothing(classroom):
    """Seen once in a loaded run: the refresh interval ticked after the screen was gone and the
    teacher's dashboard ended with NoMatches('DataTable')."""
    async def run():
        from textual.widgets import DataTable

        from tutor.teacher_app import ClassDashboard

        app = ClassDashboard(classroom[1], load_lessons("en")[0], refresh=60)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            await app.query_one(DataTable).remove()         # as when the app tears its screen down
            app.reload()                                     # the late tick: no exception
    asyncio.run(run())
