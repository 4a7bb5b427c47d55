"""Hostile clients against `dltutor serve ssh` (issue 13): real server process, real asyncssh clients.

Each test reproduces one way a single client could hurt the class (freeze it, eat memory, leak
file descriptors, crash a session, forge log lines, guess passwords) and checks it no longer can.
"""
from __future__ import annotations

import asyncio
import fcntl
import os
import random
import re
import signal
import struct
import subprocess
import sys
import termios
import textwrap
import time
from pathlib import Path

import pytest

asyncssh = pytest.importorskip("asyncssh", reason="the serve extra is not installed")

from test_ssh_server import Server, free_port, wait_for  # noqa: E402

RESTORE = b"\x1b[?1049l"          # leave the alternate screen: the end of the server's restore sequence
_ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def app_pids(server_pid: int) -> list[int]:
    """The dltutor processes the server started: its children, or its zygote's (tutor/serve/zygote.py)."""
    pids: list[int] = []
    for pid in children(server_pid):
        pids += children(pid) if is_zygote(pid) else [pid]
    return pids


def children(pid: int) -> list[int]:
    pids: list[int] = []
    tasks = Path(f"/proc/{pid}/task")
    for task in tasks.iterdir() if tasks.is_dir() else ():
        try:
            pids += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return pids


def is_zygote(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip() == "dltutor-zygote"
    except OSError:
        return False


def open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def on_a_pty(pid: int) -> bool:
    try:
        return os.readlink(f"/proc/{pid}/fd/0").startswith("/dev/pts/")
    except OSError:
        return False


def app_winsize(pid: int) -> tuple[int, int]:
    """(cols, rows) of the terminal the app runs on, read from its own stdin."""
    fd = os.open(f"/proc/{pid}/fd/0", os.O_RDWR | os.O_NOCTTY)
    try:
        rows, cols, _, _ = struct.unpack("HHHH", fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8))
    finally:
        os.close(fd)
    return cols, rows


def kill_apps(server: Server) -> None:
    for pid in app_pids(server.proc.pid):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


class Student:
    """One library SSH client with a terminal; keeps everything the server sends."""

    def __init__(self) -> None:
        self.out = bytearray()
        self.reader: asyncio.Future | None = None

    @classmethod
    async def login(cls, port: int, name: str = "alice", *, term_type: str = "xterm-256color",
                    term_size=(100, 30), env=None, read: bool = True, window: int | None = None,
                    **connect) -> "Student":
        self = cls()
        connect.setdefault("client_keys", None)
        self.conn = await asyncio.wait_for(
            asyncssh.connect("127.0.0.1", port, username=name, known_hosts=None, **connect), 20)
        extra = {"window": window} if window else {}
        self.proc = await self.conn.create_process(term_type=term_type, term_size=term_size, encoding=None,
                                                   env=env or {}, **extra)
        if read:
            self.reader = asyncio.ensure_future(self._read())
        return self

    async def _read(self) -> None:
        while True:
            data = await self.proc.stdout.read(65536)
            if not data:
                return
            self.out += data

    def text(self, since: int = 0) -> str:
        return _ANSI.sub(b"", bytes(self.out[since:])).decode("utf-8", "replace")

    async def wait_text(self, needle: str, timeout: float, since: int = 0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.text(since):
                return True
            await asyncio.sleep(0.1)
        return needle in self.text(since)

    async def ended(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(asyncio.shield(self.reader), timeout)
            return True
        except (asyncio.TimeoutError, asyncssh.Error, OSError):
            return self.reader.done()

    def close(self) -> None:
        self.conn.abort()


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path / "class")
    yield srv
    kill_apps(srv)
    srv.stop()


# --- 1. one client must not freeze the class ------------------------------------------------------

def test_a_flooding_client_is_dropped_and_the_class_goes_on(tmp_path):
    srv = Server(tmp_path / "class")

    async def go() -> None:
        bob = await Student.login(srv.port, "bob")
        assert await bob.wait_text("dltutor", 30), bob.text()
        flooders = [await Student.login(srv.port, name) for name in ("eve", "mallory")]
        for f in flooders:
            assert await f.wait_text("dltutor", 30), f.text()
        flooders[0].proc.stdin.write(random.Random(13).randbytes(300_000))
        flooders[1].proc.stdin.write(b"\x1b[B" * 200_000)            # 600 KB of arrow keys
        await asyncio.sleep(1)
        # Another student's key still gets its redraw, and a new student can log in.
        mark = len(bob.out)
        bob.proc.stdin.write(b"?")
        assert await bob.wait_text("this help", 10, since=mark), "frozen: no redraw for bob"
        carol = await Student.login(srv.port, "carol")
        assert await carol.wait_text("dltutor", 30), carol.text()
        # The flooders were dropped, with their terminals restored; random bytes may make
        # that app quit first (they contain 'q'), the arrow keys may not.
        for f in flooders:
            assert await f.ended(20)
            assert RESTORE in f.out[-200:] or b"quit" in f.out.lower()
        assert RESTORE in flooders[1].out[-200:]
        assert "dropped: too much input" in srv.log.read_text()
        # SIGTERM stops the server promptly, and the students still logged in get their terminal back.
        srv.proc.terminate()
        await asyncio.get_running_loop().run_in_executor(None, srv.proc.wait, 20)
        assert await bob.ended(10) and RESTORE in bob.out[-300:]
        assert b"server is stopping" in bob.out
        for s in (bob, carol, *flooders):
            s.close()

    try:
        asyncio.run(go())
    finally:
        kill_apps(srv)
        srv.stop()
    assert srv.proc.returncode == 0


def test_a_client_that_stops_reading_does_not_grow_the_server(tmp_path):
    # A stand-in for an app that draws as fast as it can (a lab redrawing, a huge paste echoed back),
    # while the client's SSH window stays shut: the server must stop reading, not buffer it all.
    data = tmp_path / "class"
    data.mkdir()
    port = free_port()
    firehose = "import os\nwhile True: os.write(1, b'x' * 65536)"
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from tutor.serve.ssh import Options, serve
        serve(Options(port={port}, data_dir=Path({str(data)!r}),
                      app_command=[sys.executable, "-c", {firehose!r}]))
    """)
    log = data / "server.log"
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=open(log, "w"))
    try:
        assert wait_for(lambda: "serving a classroom" in log.read_text(), 20), log.read_text()
        start = rss_mib(proc.pid)

        async def go() -> float:
            s = await Student.login(port, "alice", read=False)
            worst = 0.0
            for _ in range(25):                  # 5 s of the app writing flat out
                await asyncio.sleep(0.2)
                worst = max(worst, rss_mib(proc.pid) - start)
                if worst > 200:
                    break                        # do not let a broken server eat the machine
            # SIGTERM stops the server even with that client still connected and not reading.
            proc.terminate()
            await asyncio.get_running_loop().run_in_executor(None, proc.wait, 20)
            s.close()
            return worst

        grown = asyncio.run(go())
        assert grown < 50, f"server grew by {grown:.0f} MiB"
        assert proc.returncode == 0
    finally:
        for pid in app_pids(proc.pid):
            os.killpg(pid, signal.SIGKILL)
        proc.kill()
        proc.wait()


# --- 2. a terminal size is clamped -------------------------------------------------------------------

def test_a_huge_terminal_is_clamped_at_start_and_on_resize(server):
    async def go() -> None:
        s = await Student.login(server.port, "alice", term_size=(65535, 65535))
        try:
            pids = wait_for(lambda: [p for p in app_pids(server.proc.pid) if on_a_pty(p)], 20)
            assert len(pids) == 1
            assert app_winsize(pids[0]) == (500, 200)
            s.proc.change_terminal_size(120, 40)
            assert await _winsize_becomes(pids[0], (120, 40))
            s.proc.change_terminal_size(65535, 65535)
            assert await _winsize_becomes(pids[0], (500, 200))
            s.proc.change_terminal_size(0, 0)        # and never zero
            assert await _winsize_becomes(pids[0], (1, 1))
        finally:
            s.close()

    asyncio.run(go())


async def _winsize_becomes(pid: int, size: tuple[int, int], timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while app_winsize(pid) != size and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    return app_winsize(pid) == size


# --- 6, 12. junk terminal types and environment: refused, logged escaped, nothing leaks ----------------

def test_junk_terminal_types_leak_no_descriptors_and_cannot_forge_log_lines(server):
    forged = "xterm\n2099-01-01T00:00:00 student='root' FORGED\x1b[2J"
    junk = ["xterm\0evil", "x" * 100, "xterm;id", "-xterm", "\x1b]0;hi\x07"]

    async def session(conn, term_type: str, env: dict | None = None) -> str:
        proc = await conn.create_process(term_type=term_type, env=env or {}, encoding=None)
        out = await asyncio.wait_for(proc.stdout.read(), 10)
        proc.close()
        return out.decode()

    async def go() -> list[str]:
        async with asyncssh.connect("127.0.0.1", server.port, username="alice", known_hosts=None,
                                    client_keys=None) as conn:
            outs = [await session(conn, forged)]
            base = open_fds(server.proc.pid)
            for i in range(50):
                outs.append(await session(conn, junk[i % len(junk)]))
            # Give the server a moment to close what it closes, then count.
            assert wait_for(lambda: open_fds(server.proc.pid) <= base, 10), \
                f"{open_fds(server.proc.pid) - base} descriptors leaked"
            return outs

    outs = asyncio.run(go())
    assert all("terminal type" in out for out in outs), outs
    log = server.log.read_text()
    assert "FORGED" in log and "\x1b" not in log
    assert not any(line.startswith("2099") for line in log.splitlines())
    assert "\\x00" in log                      # the NUL is shown, escaped
    assert log.count("refused: bad terminal type") == 51


def test_junk_in_the_environment_is_left_out(server):
    # LANG with a NUL made starting the app raise ValueError (not OSError): a leaked PTY pair and
    # a session that never answered. A value like that is simply not passed on.
    async def go() -> None:
        s = await Student.login(server.port, "alice", env={"LANG": "C.UTF-8\0x", "COLORTERM": "truecolor"})
        try:
            assert await s.wait_text("dltutor", 30), s.text()
        finally:
            s.close()

    asyncio.run(go())
    assert "failed to start" not in server.log.read_text()


# --- 11. invalid UTF-8 from a terminal ----------------------------------------------------------------

def test_invalid_utf8_from_a_terminal_does_not_end_the_session(server):
    async def go() -> None:
        s = await Student.login(server.port, "alice")
        try:
            assert await s.wait_text("dltutor", 30), s.text()
            s.proc.stdin.write(b"\xe9")            # Latin-1 "é" from a terminal not set to UTF-8
            await asyncio.sleep(0.3)
            mark = len(s.out)
            s.proc.stdin.write(b"?")
            assert await s.wait_text("this help", 15, since=mark), s.text(mark)
            assert "Traceback" not in s.text() and not s.reader.done()
        finally:
            s.close()

    asyncio.run(go())


# --- 13. the terminal is restored whenever the server ends a session ----------------------------------

def test_a_killed_app_leaves_the_students_terminal_usable(server):
    async def go() -> None:
        s = await Student.login(server.port, "alice")
        try:
            assert await s.wait_text("dltutor", 30), s.text()
            [pid] = app_pids(server.proc.pid)
            os.killpg(pid, signal.SIGKILL)
            assert await s.ended(15)
            assert RESTORE in s.out[-300:]
            assert "stopped unexpectedly" in s.text()
        finally:
            s.close()

    asyncio.run(go())
    assert wait_for(lambda: "app exited" in server.log.read_text())


# --- 5. password guessing: slow, capped per connection, logged; per-student secrets --------------------

class Guesser(asyncssh.SSHClient):
    """Answers every password prompt with a new wrong guess (up to 50), counting them."""

    def __init__(self) -> None:
        self.tries = 0

    def password_auth_requested(self) -> str | None:
        self.tries += 1
        return f"guess-{self.tries}" if self.tries <= 50 else None


async def _guess(port: int, timeout: float) -> int:
    client = Guesser()
    try:
        conn = await asyncio.wait_for(asyncssh.connect(
            "127.0.0.1", port, username="alice", known_hosts=None, client_keys=None, preferred_auth="password",
            client_factory=lambda: client), timeout)
        conn.close()
    except (asyncssh.Error, OSError, asyncio.TimeoutError):
        pass
    return client.tries


async def _login(port: int, name: str, password: str) -> str:
    async with asyncssh.connect("127.0.0.1", port, username=name, password=password, known_hosts=None,
                                client_keys=None, preferred_auth="password") as conn:
        return (await conn.run(timeout=20, check=False)).stdout


def test_password_guessing_is_slow_capped_and_logged(tmp_path):
    srv = Server(tmp_path / "class", "--auth", "password", env={"DLTUTOR_CLASS_PASSWORD": "pi-is-3.14"})

    async def go() -> list[int]:
        per_connection = []
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            per_connection.append(await _guess(srv.port, deadline - time.monotonic()))
        # The right password still gets in from the same address, after the (bounded) wait.
        assert "needs a terminal" in await _login(srv.port, "alice", "pi-is-3.14")
        return per_connection

    try:
        per_connection = asyncio.run(go())
    finally:
        srv.stop()
    # Unthrottled, one connection took all 50 guesses and 4 s held thousands. The client asks for
    # a 4th before it hears it is disconnected: the server checks 3.
    assert max(per_connection) <= 4, per_connection
    assert sum(per_connection) <= 10, per_connection
    log = srv.log.read_text()
    assert log.count("login failed: wrong password (try") >= 3 and "try 4" not in log
    assert "disconnected: 3 wrong passwords" in log and "student='alice'" in log
    assert "guess-" not in log and "pi-is-3.14" not in log


def _secrets(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "secrets.txt"
    path.write_text(text)
    path.chmod(mode)
    return path


def test_each_student_has_their_own_secret(tmp_path):
    secrets = _secrets(tmp_path, "# class 3B\nalice: apple-7\nbob:banana:9\n")
    srv = Server(tmp_path / "class", "--auth", "passwords", "--passwords-file", str(secrets))

    async def go() -> None:
        assert "needs a terminal" in await _login(srv.port, "alice", "apple-7")
        assert "needs a terminal" in await _login(srv.port, "bob", "banana:9")
        with secrets.open("a") as f:                     # added mid-class: no restart
            f.write("carol:cherry\n")
        assert "needs a terminal" in await _login(srv.port, "carol", "cherry")
        with secrets.open("a") as f:                     # a broken edit keeps the secrets we had
            f.write("dave has no colon\n")
        assert "needs a terminal" in await _login(srv.port, "carol", "cherry")
        for name, password in (("alice", "banana:9"), ("zed", "apple-7")):
            with pytest.raises(asyncssh.PermissionDenied):
                await _login(srv.port, name, password)

    try:
        asyncio.run(go())
    finally:
        srv.stop()
    log = srv.log.read_text()
    assert "student='alice' address=127.0.0.1 login failed" in log
    assert "student='zed' address=127.0.0.1 login failed" in log
    assert "apple" not in log and "banana" not in log
    assert "passwords file not reloaded: line 5: expected name:secret" in log


@pytest.mark.parametrize("text, mode, says", [
    ("alice:apple\n", 0o644, "chmod 600"),
    ("alice apple\n", 0o600, "line 1: expected name:secret"),
    ("alice:a\n../x:b\n", 0o600, "line 2"),
    ("# nobody yet\n", 0o600, "no name:secret lines"),
])
def test_a_passwords_file_that_cannot_be_used_stops_the_server_at_once(tmp_path, text, mode, says):
    out = subprocess.run([sys.executable, "-m", "tutor.serve", "ssh", "--auth", "passwords", "--passwords-file",
                          str(_secrets(tmp_path, text, mode)), "--data-dir", str(tmp_path / "d")],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2 and says in out.stderr, out.stderr


# --- 13. connections are counted and do not linger without a session ------------------------------------

def test_connections_are_capped_per_address_and_closed_without_a_session(tmp_path):
    srv = Server(tmp_path / "class", "--max-per-address", "2", "--login-timeout", "5")

    async def connect():
        return await asyncio.wait_for(asyncssh.connect("127.0.0.1", srv.port, username="alice", known_hosts=None,
                                                       client_keys=None), 20)

    async def go() -> None:
        first, second = await connect(), await connect()
        with pytest.raises((asyncssh.Error, OSError)):
            await connect()
        # Logged in, but no session opened: both are closed after the login timeout.
        await asyncio.wait_for(first.wait_closed(), 20)
        await asyncio.wait_for(second.wait_closed(), 20)
        (await connect()).close()                         # room again

    try:
        asyncio.run(go())
    finally:
        srv.stop()
    log = srv.log.read_text()
    assert "refused: too many connections from this address (2)" in log
    assert log.count("closed: no session within 5 s") >= 2


def test_one_connection_runs_one_tutor_at_a_time(server):
    # Otherwise one connection could open a channel per seat and fill the class past any per-address cap.
    async def go() -> str:
        s = await Student.login(server.port, "alice")
        try:
            second = await s.conn.create_process(term_type="xterm", encoding=None)
            return (await asyncio.wait_for(second.stdout.read(), 10)).decode()
        finally:
            s.close()

    assert "one tutor per connection" in asyncio.run(go())
