"""A disk that fills up in the middle of a quiz: a real, small tmpfs, filled to
the last byte, then answered on.

Before: `Store._write` switched to memory in silence; the app never showed
the notice after start-up, `--plain` still said "Your best and your last
scores are kept", and nothing was ever written to the file again.  Now the
student is told at once (app and plain, en and zh), the file is tried again
on later writes, what was kept in memory is written when it works, and no
line claims a save that did not happen.
"""
from __future__ import annotations

import asyncio
import errno
import os
import subprocess
from pathlib import Path

import pytest
from plain_quiz import Plain, lessons

from tutor.locale import using
from tutor.progress import Store

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
UI_LESSONS = Path(__file__).parent / "fixtures" / "ui_lessons"


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(disk: Path) -> Path:
    """Write until the filesystem refuses a single byte more."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 1):
            while True:
                try:
                    os.write(fd, b"x" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    finally:
        os.close(fd)
    return filler


def test_the_store_says_so_at_once_retries_and_writes_what_it_kept(small_disk):
    store = Store(small_disk / "progress.db")
    heard = []
    store.on_notice = heard.append
    store.record_answer("ann", "l", "q1", "1", "right", True)
    filler = fill(small_disk)
    store.record_answer("ann", "l", "q2", "2", "wrong", False)
    assert store.saving is False
    assert len(heard) == 1 and heard[0].key == "not_saved"          # told during the write, not later
    assert "database or disk is full" in heard[0] and "kept in memory" in heard[0]
    with using("zh"):
        assert "进度没有被保存" in heard[0].text()                   # in the student's language
    store.page_seen("ann", "l", 2)                                  # still full: kept in memory
    assert [a["question"] for a in store.answers("ann")] == ["q1", "q2"]
    assert len(heard) == 1                                          # one notice, not one per write

    filler.unlink()
    store.retry_every = 0                                           # the next write tries the file again
    store.lab_opened("ann", "gd1d")
    assert store.saving is True
    assert [n.key for n in heard] == ["not_saved", "saving_again"]
    assert "3 change(s) kept in memory were written" in heard[1]
    store.close()
    with Store(small_disk / "progress.db") as again:                # the file has everything
        assert [a["question"] for a in again.answers("ann")] == ["q1", "q2"]
        assert again.last_position("ann") == ("l", 2) and again.labs("ann") == {"gd1d": 1}


@pytest.mark.parametrize("lang,prompt,failed,unsaved,kept", [
    ("en", "Your answer (a number):", "Progress is not being saved", "have not been saved",
     "Your best and your last scores are kept"),
    ("zh", "你的答案（一个数）：", "进度没有被保存", "你的作答和得分没有保存", "会保存你的最好成绩"),
])
def test_plain_quiz_says_it_at_once_and_never_claims_the_save(small_disk, tmp_path, lang, prompt, failed,
                                                              unsaved, kept):
    root = lessons(tmp_path)
    quiz = Plain(root, "--lang", lang, "--data-dir", str(small_disk / "data"))
    try:
        quiz.read_until(prompt)
        quiz.answer("2")                                    # saved
        quiz.read_until(prompt)
        filler = fill(small_disk)
        quiz.answer("4")                                    # the disk is full now
        after = quiz.read_until(prompt)
        assert failed in after and "database or disk is full" in after   # right after that answer
        quiz.answer("6")
        quiz.proc.stdin.close()
        end = quiz.proc.stdout.read().decode()
        assert quiz.proc.wait(30) == 0
    finally:
        if quiz.proc.poll() is None:
            quiz.proc.kill()
    assert unsaved in end and kept not in end, end
    filler.unlink()
    with Store(small_disk / "data" / "progress.db") as store:
        assert [a["raw"] for a in store.answers(store.students()[0])] == ["2"]   # what was really saved


@pytest.mark.parametrize("lang,failed,unsaved,kept,again", [
    ("en", "Progress is not being saved", "have not been saved", "Your best and your last", "Saving works again"),
    ("zh", "进度没有被保存", "你的作答和得分没有保存", "会保存你的最好成绩", "又可以保存了"),
])
def test_the_app_shows_it_at_once_and_again_when_saving_works(small_disk, tmp_path, lang, failed, unsaved,
                                                              kept, again):
    asyncio.run(app_mid_quiz(small_disk, lessons(tmp_path), lang, failed, unsaved, kept, again))


async def app_mid_quiz(disk, root, lang, failed, unsaved, kept, again) -> None:
    from tutor.app import DLTutorApp

    store = Store(disk / "progress.db")
    app = DLTutorApp(lang=lang, student="ada", store=store, root=root, lesson="sums", page=1)

    def notes() -> list[str]:
        return [n.message for n in app._notifications]

    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter", "enter")                     # saved; on to question 2
        await pilot.pause()
        filler = fill(disk)
        await pilot.press("4", "enter")
        await pilot.pause()
        assert any(failed in n and "database or disk is full" in n for n in notes()), notes()
        await pilot.press("enter", "6", "enter", "enter")          # the last answer, then the quiz's end
        await pilot.pause()
        end = str(app.screen.query_one("#quiz-ask").render())
        assert unsaved in end and kept not in end, end               # the quiz's end says so too
        filler.unlink()
        store.retry_every = 0
        await pilot.press("left")                                    # the next write tries the file again
        await pilot.pause()
        assert app.screen.page == 0
        assert any(again in n for n in notes()), notes()
    store.close()
    with Store(disk / "progress.db") as saved:
        assert [a["raw"] for a in saved.answers("ada")] == ["2", "4", "6"]
        assert saved.lesson_status("ada")["sums"]["best"] == (3, 3)

