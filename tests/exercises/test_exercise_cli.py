"""`dltutor exercises …` run as a student would (a subprocess), with its own data folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from exercise_helpers import SOLUTIONS, WRONG

import tutor.cli
from tutor.exercises.catalog import EXERCISES, lesson_numbers
from tutor.locale import set_language
from tutor.progress import Store


def run(*args: str, cwd: Path, data: Path, env: dict | None = None, timeout: float = 120):
    environ = {k: v for k, v in os.environ.items() if k not in ("DLTUTOR_DATA_DIR", "DLTUTOR_CLASSROOM")}
    environ.update({"LANG": "C.UTF-8", "LC_ALL": "", "PYTHONIOENCODING": "utf-8", "DLTUTOR_DATA_DIR": str(data)})
    environ.update(env or {})
    out = subprocess.run([sys.executable, "-m", "tutor", "exercises", *args], cwd=cwd, capture_output=True,
                         text=True, env=environ, timeout=timeout, stdin=subprocess.DEVNULL)
    assert "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    return out


@pytest.fixture
def home(tmp_path):
    (tmp_path / "work").mkdir()
    return tmp_path / "work", tmp_path / "data"


@pytest.fixture
def here(home, monkeypatch, capsys):
    """Run `dltutor exercises …` in this process (the checks still run in child processes)."""
    cwd, data = home
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("DLTUTOR_DATA_DIR", str(data))
    monkeypatch.delenv("DLTUTOR_CLASSROOM", raising=False)

    def call(*args: str) -> tuple[int, str, str]:
        code = tutor.cli.main(["exercises", *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    yield call
    set_language("en")


def test_init_writes_the_stubs_and_never_overwrites_a_students_file(home, here):
    cwd, data = home
    out = run("init", cwd=cwd, data=data)                       # as a student runs it
    folder = cwd / "dltutor-exercises"
    assert out.returncode == 0 and f"Wrote {len(EXERCISES)} exercise files into {folder}" in out.stdout
    assert sorted(p.name for p in folder.iterdir()) == [e.filename for e in EXERCISES]
    (folder / "04_sigmoid.py").write_text("# my own work\n")
    (folder / "01_derivative.py").unlink()
    code, out, _ = here("init")
    assert "Wrote 1 exercise files" in out and f"Kept {len(EXERCISES) - 1} files" in out
    assert (folder / "04_sigmoid.py").read_text() == "# my own work\n"
    code, out, _ = here("init", str(cwd / "elsewhere"))
    assert code == 0 and (cwd / "elsewhere" / "15_lstm.py").exists()


def test_check_exits_0_only_when_every_checked_exercise_passes(home, here):
    cwd, data = home
    folder = cwd / "ex"
    here("init", str(folder))
    for exercise in EXERCISES:
        shutil.copy(SOLUTIONS / exercise.filename, folder / exercise.filename)
    out = run("check", "--dir", str(folder), cwd=cwd, data=data)     # as a student runs it
    assert out.returncode == 0, out.stdout
    assert f"{len(EXERCISES)} of {len(EXERCISES)} exercises pass." in out.stdout
    shutil.copy(WRONG / "07_dense__transposed_dW.py", folder / "07_dense.py")
    out = run("check", "--dir", str(folder), cwd=cwd, data=data)
    assert out.returncode == 1
    assert "✗ 07_dense" in out.stdout and "transposed?" in out.stdout and "dltutor exercises hint 07" in out.stdout
    assert here("check", "4", "--dir", str(folder))[0] == 0            # only that one is checked
    assert here("check", "dense", "--dir", str(folder))[0] == 1


def test_the_list_shows_each_exercise_its_lesson_and_status(home, here):
    cwd, data = home
    folder = cwd / "dltutor-exercises"
    here("init")
    shutil.copy(SOLUTIONS / "04_sigmoid.py", folder / "04_sigmoid.py")
    shutil.copy(WRONG / "07_dense__averaged_db.py", folder / "07_dense.py")
    assert here("check", "04", "--student", "ann")[0] == 0
    assert here("check", "04", "--student", "ann")[0] == 0
    code, out, _ = here("check", "07", "--student", "ann")
    assert code == 1 and "averaged where the formula sums?" in out
    code, out, _ = here("--student", "ann")
    rows = {line.split()[0]: line for line in out.splitlines() if line[:2].isdigit()}
    assert len(rows) == len(EXERCISES)
    numbers = lesson_numbers()                              # the app's numbers, never written in a text
    assert numbers["activation-functions"] in rows["04_sigmoid"] and "passed (checked 2×)" in rows["04_sigmoid"]
    assert numbers["computational-graphs"] in rows["09_autodiff"]
    assert "failing (checked 1×)" in rows["07_dense"]
    assert "not started" in rows["01_derivative"]
    with Store(data / "progress.db") as store:
        status = store.exercise_status("ann")
    assert status["04_sigmoid"]["status"] == "passed" and status["04_sigmoid"]["attempts"] == 2
    assert status["07_dense"]["status"] == "failing" and "01_derivative" not in status
    code, out, _ = here("--lang", "zh", "--student", "ann")
    assert "通过 （检查了 2 次）" in out and "全连接层：前向与反向" in out


def test_mistakes_in_the_command_are_one_line_and_status_2(home, here):
    _, data = home
    code, _, err = here("check")
    assert code == 2 and "no exercise folder" in err and "dltutor exercises init" in err
    here("init")
    code, _, err = here("check", "softmaxx")
    assert code == 2 and "no exercise “softmaxx”" in err and "05_softmax" in err
    code, _, err = here("hint")
    assert code == 2 and "which exercise?" in err
    code, _, err = here("init", str(data))            # the progress folder itself
    assert code == 2 and "holds dltutor's progress data" in err


def test_hint_in_english_and_chinese(here):
    code, out, _ = here("hint", "04")
    assert code == 0 and "np.exp(-np.abs(z))" in out
    code, out, _ = here("hint", "sigmoid", "--lang", "zh")
    assert "np.where 会对每个元素计算两个分支" in out


def test_on_a_classroom_server_without_bubblewrap_exercises_say_why(home, here, tmp_path, monkeypatch):
    here("init")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("DLTUTOR_CLASSROOM", "1")
    monkeypatch.setenv("PATH", str(empty))                    # no bwrap to be found
    code, out, err = here("check")
    assert code == 1 and not out
    assert "switched off on this classroom server" in err and "bubblewrap" in err
    code, _, err = here("check", "--lang", "zh")
    assert code == 1 and "这台课堂服务器上的练习已关闭" in err


def _read_until(proc, text: str, timeout: float = 60) -> str:
    """Output of a running process up to (and including) the line containing `text`."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError(f"{text!r} did not appear:\n{''.join(seen)}")


def test_watch_checks_again_on_every_save_and_shows_the_next_one_with_its_hint(home):
    cwd, data = home
    folder = cwd / "dltutor-exercises"
    run("init", cwd=cwd, data=data)
    environ = {**os.environ, "DLTUTOR_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
    environ.pop("DLTUTOR_CLASSROOM", None)
    proc = subprocess.Popen([sys.executable, "-m", "tutor", "exercises", "watch"], cwd=cwd, env=environ, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        first = _read_until(proc, "Watching")
        assert f"0 of {len(EXERCISES)} exercises pass." in first and "01_derivative" in first
        shutil.copy(WRONG / "01_derivative__half_central.py", folder / "01_derivative.py")
        failing = _read_until(proc, "Watching")
        assert "✗ 01_derivative" in failing and "2 times the expected one" in failing
        shutil.copy(SOLUTIONS / "01_derivative.py", folder / "01_derivative.py")
        passing = _read_until(proc, "Watching")
        assert f"1 of {len(EXERCISES)} exercises pass." in passing and "02_gradient_descent" in passing
        proc.stdin.write("h\n")
        proc.stdin.flush()
        hint = _read_until(proc, "The list starts with x0.")
        assert "02_gradient_descent" in hint
        proc.stdin.write("q\n")
        proc.stdin.flush()
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in proc.stdout.read()
