"""A real PostgreSQL server for tests: Debian's initdb and pg_ctl, a cluster in a temporary
folder, listening on a loopback port only (no Unix socket outside the folder), trust auth.

initdb refuses to run as root, so as root (here and in CI) the cluster belongs to the
`postgres` user Debian's package creates and is run with `runuser -u postgres --`.
`cluster_or_skip()` skips the test with the reason when any of that is missing.
The first cluster of a test process is made by initdb; later ones copy it (initdb is the slow part).
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

_TEMPLATE: Path | None = None


def _bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def why_not() -> str | None:
    """Why no test cluster can run here (None: it can)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    if _bin() is None:
        return "PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run does)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run initdb as"
        if not shutil.which("runuser"):
            return "running as root without runuser (util-linux) to start PostgreSQL as postgres"
    return None


class Cluster:
    """One PostgreSQL server: `url(db)`, `new_database()`, `stop()`, `start()`, `destroy()`."""

    def __init__(self) -> None:
        self.bin = _bin()
        self.root = Path(tempfile.mkdtemp(prefix="dltutor-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self._own(self.root)
        global _TEMPLATE
        if _TEMPLATE is None:
            template = Path(tempfile.mkdtemp(prefix="dltutor-pg-template-"))
            self._own(template)
            self._run("initdb", "-D", str(template / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                      "--locale=C.UTF-8", "--no-sync")
            _TEMPLATE = template
        self._run_shell(["cp", "-a", str(_TEMPLATE / "data"), str(self.data)])
        self.start()

    # --- as the user that owns the cluster ---
    def _as_owner(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv

    def _own(self, path: Path) -> None:
        os.chmod(path, 0o700)
        if os.geteuid() == 0:
            shutil.chown(path, "postgres", "postgres")

    def _run(self, tool: str, *args: str) -> None:
        self._run_shell([str(self.bin / tool), *args])

    def _run_shell(self, argv: list[str]) -> None:
        done = subprocess.run(self._as_owner(argv), capture_output=True, text=True, timeout=120, cwd="/")
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed: {done.stdout}{done.stderr}")

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")

    def stop(self) -> None:
        """Stop now, ending every session (as a crash or a restart does to its clients)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def destroy(self) -> None:
        subprocess.run(self._as_owner([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60, cwd="/")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database: its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        for _ in range(50):
            try:
                with psycopg.connect(self.url(), autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"CREATE DATABASE {name}")
                return self.url(name)
            except psycopg.OperationalError:      # just started: not accepting yet
                time.sleep(0.1)
        raise RuntimeError("the test cluster does not accept connections: " + self.log.read_text())


def cluster_or_skip() -> Cluster:
    reason = why_not()
    if reason:
        pytest.skip(reason)
    return Cluster()
