"""`dltutor serve ssh` with the stock OpenSSH client, on loopback only."""
from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

asyncssh = pytest.importorskip("asyncssh", reason="the serve extra is not installed")
if not shutil.which("ssh"):
    pytest.skip("no ssh client", allow_module_level=True)

SSH_BASE = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes", "-o", "ConnectTimeout=5"]
SSH_OPTS = [*SSH_BASE, "-o", "LogLevel=ERROR"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path, *extra: str, env: dict | None = None) -> None:
        self.port = free_port()
        self.data_dir = data_dir
        self.log = data_dir / "server.log"
        data_dir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tutor.serve", "ssh", "--host", "127.0.0.1", "--port", str(self.port),
             "--data-dir", str(data_dir), *extra],
            stdout=subprocess.DEVNULL, stderr=open(self.log, "w"),
            env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", **(env or {})})   # English logs
        deadline = time.monotonic() + 20
        while "serving a classroom" not in self.log.read_text():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("server did not start: " + self.log.read_text())
            time.sleep(0.1)

    def ssh(self, *args: str, user: str = "alice", timeout: float = 15) -> subprocess.CompletedProcess:
        return subprocess.run(["ssh", *SSH_OPTS, "-p", str(self.port), *args[:-1], f"{user}@127.0.0.1", *args[-1:]]
                              if args else ["ssh", *SSH_OPTS, "-p", str(self.port), f"{user}@127.0.0.1"],
                              capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path / "class")
    yield srv
    srv.stop()


def wait_for(predicate, timeout: float = 20.0, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


class Tmux:
    """A real terminal running the stock ssh client."""

    def __init__(self, command: list[str], width: int = 100, height: int = 30) -> None:
        self.sock = f"dlt-ssh-{os.getpid()}-{time.monotonic_ns()}"
        subprocess.run(["tmux", "-L", self.sock, "new-session", "-d", "-s", "s", "-x", str(width), "-y", str(height),
                        " ".join(command) + "; echo SESSION-ENDED; sleep 30"], check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "-L", self.sock, "capture-pane", "-p", "-t", "s"],
                              capture_output=True, text=True).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "-L", self.sock, "send-keys", "-t", "s", *keys], check=True)

    def resize(self, width: int, height: int) -> None:
        subprocess.run(["tmux", "-L", self.sock, "resize-window", "-t", "s", "-x", str(width), "-y", str(height)])

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.sock, "kill-server"], capture_output=True)


needs_tmux = pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is not installed")


def ssh_command(server: Server, user: str = "alice", *extra: str) -> list[str]:
    return ["ssh", *SSH_OPTS, "-p", str(server.port), *extra, f"{user}@127.0.0.1"]


@needs_tmux
def test_a_student_logs_in_sees_the_tutor_and_leaves(server):
    term = Tmux(ssh_command(server, "alice"))
    try:
        assert wait_for(lambda: "dltutor" in term.screen().lower()), term.screen()
        assert "Traceback" not in term.screen()
        # A resize travels through ssh to the app: too small a window asks to be enlarged.
        term.resize(50, 15)
        assert wait_for(lambda: "enlarge" in term.screen().lower()), term.screen()
        term.resize(100, 30)
        assert wait_for(lambda: "enlarge" not in term.screen().lower()), term.screen()
        term.keys("q")
        assert wait_for(lambda: "SESSION-ENDED" in term.screen()), term.screen()
        assert "Traceback" not in term.screen()
    finally:
        term.close()
    log = wait_for(lambda: "app exited" in server.log.read_text() and server.log.read_text())
    assert "student='alice'" in log and "address=127.0.0.1" in log and "terminal=" in log
    # The student's progress lives in the one shared database in D.
    assert list(server.data_dir.glob("*.sqlite3")) or list(server.data_dir.glob("*.db"))


def test_exec_requests_are_refused(server):
    out = server.ssh("ls /")
    assert out.returncode != 0
    assert "refused" in out.stdout + out.stderr
    assert "bin" not in out.stdout


def test_a_session_without_a_terminal_gets_one_line(server):
    out = server.ssh("-T", "")
    assert out.returncode != 0
    assert "needs a terminal" in out.stdout


def test_a_refusal_is_in_the_language_the_student_s_ssh_sends(server):
    out = server.ssh("-T", "-o", "SetEnv=LANG=zh_CN.UTF-8", "")
    assert out.returncode != 0
    assert "需要一个终端" in out.stdout and "needs a terminal" not in out.stdout


def test_sftp_is_refused(server):
    out = subprocess.run(["sftp", "-P", str(server.port), *SSH_OPTS, "alice@127.0.0.1"],
                         capture_output=True, text=True, timeout=15, stdin=subprocess.DEVNULL)
    assert out.returncode != 0
    assert "subsystem request failed" in out.stderr


def test_remote_port_forwarding_is_refused(server):
    out = server.ssh("-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9", "")
    assert out.returncode == 255
    assert "forward" in out.stderr.lower()


def test_local_port_forwarding_is_refused(server, tmp_path):
    port = free_port()
    # Default log level: ssh reports the refused channel on stderr.
    proc = subprocess.Popen(["ssh", *SSH_BASE, "-p", str(server.port), "-N", "-L", f"{port}:127.0.0.1:{server.port}",
                             "alice@127.0.0.1"], stderr=subprocess.PIPE, text=True)
    try:
        def try_connect():
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                    s.settimeout(3)
                    return s.recv(100) == b""   # ssh closes the local socket: the channel was refused
            except OSError:
                return False
        assert wait_for(try_connect, timeout=10)
    finally:
        proc.kill()
        err = proc.communicate(timeout=5)[1]
    assert "open failed" in err


@pytest.mark.parametrize("name", ["../etc", "a/b", ".hidden", "a;rm", "$(id)", "x" * 40])
def test_names_that_could_escape_are_refused(server, name):
    # The stock client itself rejects some of these names, so a library client sends them.
    result = _connect(server.port, username=name, client_keys=None)
    assert "can't be used as a student name" in result.stdout
    assert not (server.data_dir.parent / "etc").exists()


def _connect(port, **kwargs):
    """Log in with a library client; the session (no terminal) answers with one line."""
    async def go():
        async with asyncssh.connect("127.0.0.1", port, known_hosts=None, **kwargs) as conn:
            return await conn.run(timeout=20, check=False)
    return asyncio.run(go())


def test_password_mode_refuses_a_wrong_password(tmp_path):
    srv = Server(tmp_path / "class", "--auth", "password", env={"DLTUTOR_CLASS_PASSWORD": "pi-is-3.14"})
    try:
        with pytest.raises(asyncssh.PermissionDenied):
            _connect(srv.port, username="alice", password="wrong", client_keys=None)
        # The right password gets past authentication (the session then needs a terminal).
        result = _connect(srv.port, username="alice", password="pi-is-3.14", client_keys=None)
        assert "needs a terminal" in result.stdout
    finally:
        srv.stop()
    assert "pi-is-3.14" not in (tmp_path / "class" / "server.log").read_text()


def test_password_never_comes_from_the_command_line(tmp_path):
    out = subprocess.run([sys.executable, "-m", "tutor.serve", "ssh", "--auth", "password", "--password", "x",
                          "--data-dir", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 2


def test_keys_mode_accepts_only_the_students_own_key(tmp_path):
    data = tmp_path / "class"
    (data / "keys").mkdir(parents=True)
    alice = asyncssh.generate_private_key("ssh-ed25519")
    mallory = asyncssh.generate_private_key("ssh-ed25519")
    alice.write_public_key(str(data / "keys" / "alice.pub"))
    srv = Server(data, "--auth", "keys")
    try:
        assert "needs a terminal" in _connect(srv.port, username="alice", client_keys=[alice]).stdout
        with pytest.raises(asyncssh.PermissionDenied):
            _connect(srv.port, username="alice", client_keys=[mallory])
        with pytest.raises(asyncssh.PermissionDenied):
            _connect(srv.port, username="bob", client_keys=[alice])
        with pytest.raises(asyncssh.PermissionDenied):
            _connect(srv.port, username="../keys/alice", client_keys=[alice])
    finally:
        srv.stop()


@needs_tmux
def test_a_full_class_is_told_politely(tmp_path):
    srv = Server(tmp_path / "class", "--max-sessions", "1")
    first = Tmux(ssh_command(srv, "alice"))
    try:
        assert wait_for(lambda: "dltutor" in first.screen().lower()), first.screen()
        out = srv.ssh("-tt", "", user="bob")
        assert "class is full" in out.stdout
    finally:
        first.close()
        srv.stop()


@needs_tmux
def test_an_idle_student_gets_a_goodbye(tmp_path):
    srv = Server(tmp_path / "class", "--idle-timeout", "3")
    term = Tmux(ssh_command(srv, "carol"))
    try:
        assert wait_for(lambda: "dltutor" in term.screen().lower()), term.screen()
        assert wait_for(lambda: "goodbye" in term.screen().lower(), timeout=20), term.screen()
        assert "progress is saved" in term.screen()
    finally:
        term.close()
        srv.stop()
    assert "idle" in (tmp_path / "class" / "server.log").read_text()


@needs_tmux
def test_stopping_the_server_ends_sessions_with_progress_saved(tmp_path):
    srv = Server(tmp_path / "class")
    term = Tmux(ssh_command(srv, "dora"))
    try:
        assert wait_for(lambda: "dltutor" in term.screen().lower()), term.screen()
        term.keys("Enter")                       # open the first lesson: page 1 is recorded
        assert wait_for(lambda: "page 1/" in term.screen()), term.screen()
        srv.proc.terminate()
        assert srv.proc.wait(20) == 0
        assert wait_for(lambda: "SESSION-ENDED" in term.screen()), term.screen()
    finally:
        term.close()
    from tutor.progress import Store

    with Store(tmp_path / "class" / "progress.db") as store:
        assert store.last_position("dora") is not None
