"""--db: where progress is kept (sqlite:///PATH, postgresql://…), on every command, passwords never shown."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tutor.progress import Store
from tutor.progress.location import BadLocation, resolve, shown


def test_resolve(tmp_path, monkeypatch):
    monkeypatch.delenv("DLTUTOR_DB", raising=False)
    assert resolve(None, tmp_path) == tmp_path / "progress.db"
    assert resolve(f"sqlite://{tmp_path}/x.db") == tmp_path / "x.db"
    assert resolve(f"sqlite://{tmp_path}") == tmp_path / "progress.db"          # a folder: its progress.db
    assert resolve("sqlite:rel/x.db") == Path("rel/x.db")
    assert resolve(" postgresql://u@h/db ") == "postgresql://u@h/db"
    assert resolve("postgres://h/db") == "postgres://h/db"
    monkeypatch.setenv("DLTUTOR_DB", "postgresql://from-env/db")
    assert resolve(None, tmp_path) == "postgresql://from-env/db"               # a server hands it on like this
    for bad in ("mysql://h/db", "sqlite://relative.db", "sqlite:", "/just/a/path"):
        with pytest.raises(BadLocation):
            resolve(bad)


def test_passwords_are_hidden():
    assert shown("postgresql://ann:s3cret@db.school:5432/class") == "postgresql://ann:***@db.school:5432/class"
    assert "s3cret" not in shown("postgresql://db/class?user=ann&password=s3cret&sslmode=require")
    assert shown("postgresql://ann@db/class") == "postgresql://ann@db/class"
    assert shown("/srv/progress.db") == "/srv/progress.db"


def test_store_takes_a_sqlite_url(tmp_path):
    with Store(f"sqlite://{tmp_path}/p.db") as store:
        store.page_seen("ann", "l", 1)
    assert (tmp_path / "p.db").exists()


def run(*args: str, env: dict | None = None):
    import os

    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def test_every_progress_command_takes_db(tmp_path):
    db = f"sqlite://{tmp_path}/elsewhere.db"
    with Store(tmp_path / "elsewhere.db") as store:
        store.page_seen("ann", "derivatives", 1)
        store.exercise_checked("ann", "04_sigmoid", "passed")
    out = run("progress", "--db", db, "--student", "ann", "--csv", "--data-dir", str(tmp_path / "unused"))
    assert out.returncode == 0 and "derivatives,Derivatives,1," in out.stdout, out.stderr
    out = run("class", "--db", db, "--csv")
    assert out.returncode == 0 and "ann,derivatives,1" in out.stdout, out.stderr
    out = run("exercises", "--db", db, "--student", "ann")
    assert out.returncode == 0 and "passed" in out.stdout, out.stderr
    out = run("progress", "--student", "ann", "--csv", env={"DLTUTOR_DB": db, "DLTUTOR_DATA_DIR": str(tmp_path / "x")})
    assert "derivatives,Derivatives,1," in out.stdout
    assert not (tmp_path / "unused").exists() and not (tmp_path / "x" / "progress.db").exists()
    out = run("progress", "--db", "mysql://h/db")
    assert out.returncode == 2 and "sqlite:///PATH or postgresql://" in out.stderr and "Traceback" not in out.stderr


def test_serve_is_handed_db_given_before_it():
    from tutor.cli import _split_serve

    head, rest = _split_serve(["--db", "postgresql://h/db", "serve", "ssh", "--port", "1"])
    assert head == ["--db", "postgresql://h/db", "serve"] and rest == ["ssh", "--port", "1"]


def test_the_web_route_hands_the_database_to_each_tab(monkeypatch, tmp_path):
    pytest.importorskip("textual_serve", reason="the serve extra is not installed")
    from tutor.serve.web_tab import app_environment

    monkeypatch.setenv("PGPASSFILE", "/srv/teacher/.pgpass")
    env = app_environment(tmp_path, 80, 24, "postgresql://ann@db/class")
    assert env["DLTUTOR_DB"] == "postgresql://ann@db/class" and env["PGPASSFILE"] == "/srv/teacher/.pgpass"
    plain = app_environment(tmp_path, 80, 24)
    assert "DLTUTOR_DB" not in plain and "PGPASSFILE" not in plain
