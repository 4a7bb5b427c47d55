"""`dltutor serve ssh`: a classroom over SSH with the `ssh` students already have.

One dltutor process per connection, on its own pseudo-terminal, so a crash or
a dropped connection touches nobody else.  The SSH login name is the student.
Only an interactive terminal session is offered: exec requests, subsystems
(sftp), port, agent and X11 forwarding are refused.
"""
from __future__ import annotations

import asyncio
import fcntl
import hmac
import os
import pty
import signal
import struct
import sys
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import asyncssh

from tutor.serve.names import explain_bad_name, valid_student

# Written to the client when we end a session ourselves: leave the alternate
# screen, show the cursor, stop mouse reporting, so the student's terminal is usable.
_RESTORE_TERMINAL = b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l"
# Environment a client may send (AcceptEnv LANG COLORTERM in OpenSSH terms).
_ACCEPTED_ENV = ("LANG", "LC_ALL", "COLORTERM")


@dataclass
class Options:
    host: str = "127.0.0.1"
    port: int = 2222
    auth: str = "open"                    # open | password | keys
    data_dir: Path = Path(".")
    max_sessions: int = 60
    idle_timeout: float = 0.0             # seconds without a key; 0 = never
    password: str | None = None           # the class password (auth == "password")
    app_command: list[str] = field(default_factory=lambda: [sys.executable, "-m", "tutor"])
    log: TextIO = sys.stderr


def host_key_path(data_dir: Path) -> Path:
    """The server's host key, generated on first start and kept in D."""
    path = data_dir / "ssh_host_ed25519_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key = asyncssh.generate_private_key("ssh-ed25519")
        key.write_private_key(str(path))
        os.chmod(path, 0o600)
    return path


def _set_winsize(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", max(rows, 1), max(cols, 1), 0, 0))


def _controlling_tty() -> None:
    # Runs in the child after setsid(): make the PTY its controlling terminal
    # so window-size changes reach the app as SIGWINCH.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class _Auth(asyncssh.SSHServer):
    def __init__(self, room: "Classroom") -> None:
        self.room = room
        self.conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn

    def begin_auth(self, username: str) -> bool:
        mode = self.room.options.auth
        if mode == "open":
            return False                  # no authentication: a LAN classroom
        if mode == "keys" and valid_student(username):
            path = self.room.options.data_dir / "keys" / f"{username}.pub"
            if path.is_file() and self.conn is not None:
                self.conn.set_authorized_keys(str(path))
        return True

    def password_auth_supported(self) -> bool:
        return self.room.options.auth == "password"

    def validate_password(self, username: str, password: str) -> bool:
        expected = self.room.options.password or ""
        return bool(expected) and hmac.compare_digest(password.encode(), expected.encode())

    def public_key_auth_supported(self) -> bool:
        return self.room.options.auth == "keys"

    # No port forwarding either way; agent and X11 forwarding are off in create_server.
    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int) -> bool:
        return False

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        return False


class Classroom:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.children: set[asyncio.subprocess.Process] = set()
        self.server: asyncssh.SSHAcceptor | None = None

    # --- one student's session ------------------------------------------------
    async def session(self, process: asyncssh.SSHServerProcess) -> None:
        student = process.get_extra_info("username") or ""
        peer = (process.get_extra_info("peername") or ("?",))[0]
        term = process.get_terminal_type()
        started = time.monotonic()

        def refuse(message: str, code: int = 1) -> None:
            process.stdout.write((message + "\r\n").encode())
            process.exit(code)

        if process.command is not None or process.subsystem is not None:
            self._log(student, peer, term, 0, "refused: exec or subsystem request")
            return refuse("dltutor: this server only runs the tutor in your terminal; commands and sftp are refused.")
        if not valid_student(student):
            self._log(student, peer, term, 0, "refused: bad name")
            return refuse(explain_bad_name(student))
        if not term:
            self._log(student, peer, term, 0, "refused: no terminal")
            return refuse("dltutor needs a terminal: connect with `ssh -t NAME@HOST` (no command after the host).")
        if len(self.children) >= self.options.max_sessions:
            self._log(student, peer, term, 0, "refused: class full")
            return refuse(f"Sorry, the class is full ({self.options.max_sessions} students). "
                          "Please try again in a minute.", 0)

        cols, rows, _, _ = process.get_terminal_size()
        master, slave = pty.openpty()
        _set_winsize(slave, cols or 80, rows or 24)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": term,
               "HOME": str(self.options.data_dir), "DLTUTOR_DATA_DIR": str(self.options.data_dir),
               "DLTUTOR_CLASSROOM": "1"}      # exercises run student code only in the sandbox
        env.update({k: v for k, v in process.env.items() if k in _ACCEPTED_ENV and isinstance(v, str)})
        try:
            child = await asyncio.create_subprocess_exec(
                *self.options.app_command, "--student", student, "--data-dir", str(self.options.data_dir),
                stdin=slave, stdout=slave, stderr=slave, env=env,
                start_new_session=True, preexec_fn=_controlling_tty)
        except OSError as exc:
            os.close(master)
            os.close(slave)
            self._log(student, peer, term, 0, f"failed to start: {exc}")
            return refuse("dltutor could not start on the server; please tell your teacher.")
        os.close(slave)
        self.children.add(child)
        reason = await self._pump(process, child, master)
        self.children.discard(child)
        self._log(student, peer, term, time.monotonic() - started, reason)
        process.exit(child.returncode if child.returncode is not None else 0)

    async def _pump(self, process: asyncssh.SSHServerProcess, child: asyncio.subprocess.Process,
                    master: int) -> str:
        """Copy bytes both ways until the app exits, the client leaves or the student idles."""
        loop = asyncio.get_running_loop()
        app_done = loop.create_future()
        last_key = time.monotonic()

        def on_output() -> None:
            try:
                data = os.read(master, 65536)
            except OSError:               # EIO: the app closed its terminal
                data = b""
            if data:
                process.stdout.write(data)
            elif not app_done.done():
                app_done.set_result("app exited")

        async def keys() -> str:
            nonlocal last_key
            while True:
                try:
                    data = await process.stdin.read(4096)
                except asyncssh.TerminalSizeChanged as exc:
                    _set_winsize(master, exc.width, exc.height)
                    continue
                except (asyncssh.BreakReceived, asyncssh.SignalReceived):
                    continue
                except (asyncssh.Error, OSError):
                    return "connection dropped"
                if not data:
                    return "connection closed"
                last_key = time.monotonic()
                try:
                    os.write(master, data)
                except OSError:
                    return "app exited"

        async def idle() -> str:
            limit = self.options.idle_timeout
            while True:
                await asyncio.sleep(max(0.5, min(5.0, limit / 4)))
                if time.monotonic() - last_key > limit:
                    return "idle"

        loop.add_reader(master, on_output)
        waiters = [asyncio.ensure_future(app_done), asyncio.ensure_future(keys())]
        if self.options.idle_timeout > 0:
            waiters.append(asyncio.ensure_future(idle()))
        done, pending = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        reason = next(iter(done)).result()
        for task in pending:
            task.cancel()
        loop.remove_reader(master)
        await self._stop(child)
        os.close(master)
        if reason == "idle":
            minutes = self.options.idle_timeout / 60
            process.stdout.write(_RESTORE_TERMINAL + (
                f"\r\nNo key pressed for {minutes:g} min: goodbye! Your progress is saved.\r\n").encode())
        return reason

    @staticmethod
    async def _stop(child: asyncio.subprocess.Process) -> None:
        if child.returncode is not None:
            return
        for sig, wait in ((signal.SIGHUP, 3.0), (signal.SIGTERM, 2.0), (signal.SIGKILL, 2.0)):
            try:
                os.killpg(child.pid, sig)
            except ProcessLookupError:
                break
            try:
                await asyncio.wait_for(child.wait(), wait)
                return
            except asyncio.TimeoutError:
                continue

    def _log(self, student: str, peer: str, term: str | None, seconds: float, how: str) -> None:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
        print(f"{stamp} student={student!r} address={peer} terminal={term or '-'} "
              f"duration={seconds:.0f}s {how}", file=self.options.log, flush=True)

    # --- the server ----------------------------------------------------------------
    async def start(self) -> None:
        self.server = await asyncssh.create_server(
            lambda: _Auth(self), self.options.host, self.options.port,
            server_host_keys=[str(host_key_path(self.options.data_dir))],
            process_factory=self.session, encoding=None, line_editor=False,
            allow_scp=False, sftp_factory=None, agent_forwarding=False, x11_forwarding=False,
            allow_pty=True)

    async def stop(self) -> None:
        """End every session cleanly: each app gets SIGHUP and saves as it goes."""
        if self.server is not None:
            self.server.close()
        await asyncio.gather(*(self._stop(child) for child in list(self.children)))


def serve(options: Options) -> int:
    """Run until SIGINT or SIGTERM."""
    async def main() -> None:
        room = Classroom(options)
        await room.start()
        print(f"dltutor: serving a classroom over SSH on {options.host}:{options.port} "
              f"(auth {options.auth}, data in {options.data_dir}). Ctrl+C stops it.",
              file=options.log, flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await room.stop()

    asyncio.run(main())
    return 0
