"""Many servers, one class: two `dltutor serve ssh` on one PostgreSQL database, a student on
each (real asyncssh clients), and one `dltutor class` that sees them both."""
from __future__ import annotations

import asyncio
import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tutor.progress import Store

asyncssh = pytest.importorskip("asyncssh", reason="the serve extra is not installed")
_ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m tutor.serve ssh --db URL` on a loopback port; the URL reaches it as typed."""

    def __init__(self, data_dir: Path, db: str) -> None:
        self.port = free_port()
        self.log = data_dir / "server.log"
        data_dir.mkdir(parents=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tutor.serve", "ssh", "--host", "127.0.0.1", "--port", str(self.port),
             "--data-dir", str(data_dir), "--db", db],
            stdout=subprocess.DEVNULL, stderr=open(self.log, "w"))
        deadline = time.monotonic() + 30
        while "serving a classroom" not in self.log.read_text():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("server did not start: " + self.log.read_text())
            time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


async def login(port: int, name: str):
    conn = await asyncio.wait_for(asyncssh.connect("127.0.0.1", port, username=name, known_hosts=None,
                                                   client_keys=None), 20)
    proc = await conn.create_process(term_type="xterm-256color", term_size=(100, 30), encoding=None)
    out = bytearray()

    async def read():
        while data := await proc.stdout.read(65536):
            out.extend(data)
    reader = asyncio.ensure_future(read())
    return conn, proc, out, reader


async def wait_text(out: bytearray, needle: str, timeout: float = 40) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if needle in _ANSI.sub(b"", bytes(out)).decode("utf-8", "replace"):
            return True
        await asyncio.sleep(0.1)
    return False


def wait_for(predicate, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def test_two_servers_one_database_one_dashboard(tmp_path, pg_url):
    one, two = Server(tmp_path / "one", pg_url), Server(tmp_path / "two", pg_url)
    store = Store(pg_url)
    try:
        async def students():
            sessions = [await login(one.port, "alice"), await login(two.port, "bob")]
            for _, _, out, _ in sessions:
                assert await wait_text(out, "dltutor"), bytes(out)[-2000:]
            for _, proc, _, _ in sessions:
                proc.stdin.write(b"\r")                 # open the first lesson: page 0 is seen
            await asyncio.sleep(2)
            for _, proc, _, _ in sessions:
                proc.stdin.write(b" ")                  # next page
            seen = await asyncio.get_running_loop().run_in_executor(
                None, wait_for, lambda: all(sum(s["seen"] for s in store.lesson_status(who).values()) >= 2
                                            for who in ("alice", "bob")))
            assert seen, (store.students(), (tmp_path / "one" / "server.log").read_text())
            for conn, proc, _, reader in sessions:
                proc.stdin.write(b"q")
                conn.close()
        asyncio.run(students())
        # Each server's own folder has no progress file: everything went to PostgreSQL.
        assert not (tmp_path / "one" / "progress.db").exists() and not (tmp_path / "two" / "progress.db").exists()
        assert "progress in postgresql://" in one.log.read_text()

        # One teacher, one dashboard, both students (the CSV is the dashboard's numbers).
        done = subprocess.run([sys.executable, "-m", "tutor", "class", "--db", pg_url, "--csv"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        rows = list(csv.DictReader(io.StringIO(done.stdout)))
        assert sorted({r["student"] for r in rows}) == ["alice", "bob"]
        assert all(int(r["pages_seen"]) >= 2 for r in rows)
        asyncio.run(dashboard(store))
        # And each one's hand-in transcript, from the same database.
        done = subprocess.run([sys.executable, "-m", "tutor", "class", "--db", pg_url, "--transcripts",
                               str(tmp_path / "hand-ins")], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in (tmp_path / "hand-ins").iterdir()) == ["alice.html", "bob.html"]
        assert "Pages seen" in (tmp_path / "hand-ins" / "bob.html").read_text(encoding="utf-8")
    finally:
        store.close()
        one.stop()
        two.stop()


async def dashboard(store) -> None:
    from textual.widgets import DataTable

    from tutor.content import load_lessons
    from tutor.teacher_app import ClassDashboard

    lessons, _ = load_lessons("en")
    app = ClassDashboard(store, lessons, refresh=0.2)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause(0.5)
        table = app.query_one(DataTable)
        assert sorted(table.get_row_at(i)[0] for i in range(table.row_count)) == ["alice", "bob"]


def test_a_server_with_a_wrong_database_says_so_and_does_not_start(tmp_path, pg):
    url = pg.url("no_such_database")
    done = subprocess.run([sys.executable, "-m", "tutor.serve", "ssh", "--host", "127.0.0.1", "--port",
                           str(free_port()), "--data-dir", str(tmp_path / "d"), "--db", url],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "no_such_database" in done.stderr and "Traceback" not in done.stderr


def test_the_url_is_not_on_any_command_line(tmp_path, pg_url):
    """A password in --db would show in `ps` for every user: the apps get it in their environment."""
    server = Server(tmp_path / "one", pg_url)
    try:
        async def go():
            conn, proc, out, _ = await login(server.port, "alice")
            assert await wait_text(out, "dltutor"), bytes(out)[-2000:]
            # The apps fork from a zygote (tutor/serve/zygote.py) that has the server's app environment:
            # every process under the server, zygote and apps alike, keeps the URL off its command line.
            under = _descendants(server.proc.pid)
            assert len(under) >= 2, under          # the zygote and alice's app at least
            for pid in under:
                argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
                assert "postgresql://" not in argv, argv
            environments = [Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace") for pid in under]
            assert any(f"DLTUTOR_DB={pg_url}" in env for env in environments)
            conn.close()
        asyncio.run(go())
    finally:
        server.stop()


def _descendants(root: int) -> list[int]:
    found, todo = [], [root]
    pids = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]
    while todo:
        parent = todo.pop()
        children = [pid for pid in pids if _child_of(pid, parent)]
        found += children
        todo += children
    return found


def _child_of(pid: int, parent: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return int(stat.rpartition(")")[2].split()[1]) == parent and pid != os.getpid()


@pytest.mark.skipif(not __import__("shutil").which("tmux"), reason="tmux is not installed")
def test_one_teacher_leads_students_on_two_servers(tmp_path, pg_url):
    """Teaching live on PostgreSQL: `dltutor teach --db URL` in a real terminal, a student on
    each of two servers; both follow the teacher's page (the publish NOTIFYs, they LISTEN)."""
    one, two = Server(tmp_path / "one", pg_url), Server(tmp_path / "two", pg_url)
    sock = f"dlt-teach-pg-{os.getpid()}"
    subprocess.run(["tmux", "-L", sock, "new-session", "-d", "-s", "t", "-x", "110", "-y", "34",
                    f"env LANG=C.UTF-8 {sys.executable} -m tutor teach --db '{pg_url}' --data-dir {tmp_path / 't'} "
                    "--student lin open gradient-descent-1d; sleep 30"], check=True)

    def teacher_screen() -> str:
        return subprocess.run(["tmux", "-L", sock, "capture-pane", "-p", "-t", "t"],
                              capture_output=True, text=True).stdout
    try:
        assert wait_for(lambda: "Teaching live as lin" in teacher_screen()), teacher_screen()

        async def students():
            sessions = [await login(one.port, "alice"), await login(two.port, "bob")]
            for _, _, out, _ in sessions:
                assert await wait_text(out, "Your teacher is on 1.4 Gradient descent in one dimension, page 1"), \
                    bytes(out)[-2000:]
            subprocess.run(["tmux", "-L", sock, "send-keys", "-t", "t", "Right", "Right"], check=True)
            for _, _, out, _ in sessions:
                assert await wait_text(out, "page 3/"), bytes(out)[-2000:]
            subprocess.run(["tmux", "-L", sock, "send-keys", "-t", "t", "q", "q"], check=True)
            for _, _, out, _ in sessions:
                assert await wait_text(out, "Your teacher has stopped"), bytes(out)[-2000:]
            for conn, proc, _, _ in sessions:
                proc.stdin.write(b"q")
                conn.close()
        asyncio.run(students())
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)
        one.stop()
        two.stop()
