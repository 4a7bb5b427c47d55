"""`dltutor serve ssh`: a classroom over SSH with the `ssh` students already have.

One dltutor process per connection, on its own pseudo-terminal, so a crash or
a dropped connection touches nobody else.  The SSH login name is the student.
Only an interactive terminal session is offered: exec requests, subsystems
(sftp), port, agent and X11 forwarding are refused.  One client can't freeze,
flood or outlast the others: see ssh_pump (the bytes) and ssh_auth (logins).
"""
from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hmac
import os
import pty
import re
import signal
import struct
import sys
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import asyncssh

from tutor.language import from_environment
from tutor.locale import N_, language, t, translated, using
from tutor.serve.database import database_env, progress_in
from tutor.serve.forkserver import Zygote, ZygoteUnavailable
from tutor.serve.logsafe import escaped, shown
from tutor.serve.names import explain_bad_name, valid_student
from tutor.serve.ssh_auth import Failures, Guard, PasswordFile
from tutor.serve.ssh_pump import pump

# Written to the client when a session ends any way but the student quitting: leave the
# alternate screen, show the cursor, stop mouse reporting, so the student's terminal is usable.
_RESTORE_TERMINAL = b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l"
# Environment a client may send (AcceptEnv LANG COLORTERM in OpenSSH terms), and what a value may hold.
_ACCEPTED_ENV = ("LANG", "LC_ALL", "COLORTERM")
_ENV_VALUE = re.compile(r"[A-Za-z0-9._@+-]{1,64}")
# A terminal type names a terminfo entry: xterm-256color, screen.xterm-256color, tmux-256color.
_TERM_TYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
# A bigger "terminal" only makes the app allocate more: 65535x65535 grew it by 75 MiB/s.
MAX_COLS, MAX_ROWS = 500, 200
# After SIGTERM: sessions get this long to end cleanly; past the hard deadline the server exits anyway.
STOP_GRACE, STOP_DEADLINE = 10.0, 15.0

_GOODBYE = {
    "server stopping": N_("The server is stopping: goodbye! Your progress is saved."),
    "dropped": N_("Too much input at once (a stuck key or a huge paste?): disconnected. "
                  "Your progress is saved; log in again."),
    "app exited": N_("dltutor stopped unexpectedly. Your progress is saved; log in again "
                     "(and tell your teacher if it happens again)."),
}


@dataclass
class Options:
    host: str = "127.0.0.1"
    port: int = 2222
    auth: str = "open"                    # open | password | passwords | keys
    data_dir: Path = Path(".")
    max_sessions: int = 60
    idle_timeout: float = 0.0             # seconds without a key; 0 = never
    password: str | None = None           # the class password (auth == "password")
    passwords_file: Path | None = None    # name:secret lines (auth == "passwords")
    max_per_address: int = 10             # connections from one address; 0 = no limit
    login_timeout: float = 60.0           # seconds a connection may go without a running session
    db: str | None = None                 # --db: progress elsewhere than data_dir/progress.db
    app_command: list[str] | None = None  # None: dltutor itself, forked ready from the zygote
    prefork: bool = True                  # False: a fresh Python per connection (the zygote's fallback)
    log: TextIO = sys.stderr

    @property
    def max_connections(self) -> int:
        """All connections, logged in or not: room for the class plus as many logging in."""
        return max(2 * self.max_sessions, 20)


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
    cols, rows = min(max(cols, 1), MAX_COLS), min(max(rows, 1), MAX_ROWS)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _client_env(process: asyncssh.SSHServerProcess) -> dict[str, str]:
    """The environment the client sent that we pass on (LANG, LC_ALL, COLORTERM), values checked."""
    return {k: v for k, v in process.env.items()
            if k in _ACCEPTED_ENV and isinstance(v, str) and _ENV_VALUE.fullmatch(v)}


def _student_language(process: asyncssh.SSHServerProcess) -> str:
    """What to say things to this student in: their LANG or LC_ALL if their ssh sent one
    (SendEnv), as their app will; else the server's language."""
    return from_environment(_client_env(process)) or language()


def _controlling_tty() -> None:
    # Runs in the child after setsid(): make the PTY its controlling terminal
    # so window-size changes reach the app as SIGWINCH.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Classroom:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.children: set[asyncio.subprocess.Process] = set()
        self.sessions: set[asyncio.Task] = set()
        self.server: asyncssh.SSHAcceptor | None = None
        self.stopping = asyncio.Event()
        self.failures = Failures()
        self.passwords = PasswordFile(options.passwords_file) if options.passwords_file else None
        self.connections: dict[str, int] = {}
        self.zygote: Zygote | None = None
        if options.prefork and options.app_command is None:
            profile = {"DLTUTOR_PROFILE": os.environ["DLTUTOR_PROFILE"]} if "DLTUTOR_PROFILE" in os.environ else {}
            self.zygote = Zygote({**self._app_environment(), **profile}, log=lambda text: self.note(None, None, text))

    # --- connections and logins (called by ssh_auth.Guard) --------------------------
    def admit(self, address: str) -> str | None:
        """Count a new connection, or say why it is refused."""
        if sum(self.connections.values()) >= self.options.max_connections:
            return f"too many connections ({self.options.max_connections})"
        per_address = self.options.max_per_address
        if per_address and self.connections.get(address, 0) >= per_address:
            return f"too many connections from this address ({per_address})"
        self.connections[address] = self.connections.get(address, 0) + 1
        return None

    def release(self, address: str) -> None:
        left = self.connections.get(address, 0) - 1
        if left > 0:
            self.connections[address] = left
        else:
            self.connections.pop(address, None)

    def check_password(self, username: str, password: str) -> bool:
        if self.options.auth == "password":
            expected = self.options.password or ""
            return bool(expected) and hmac.compare_digest(password.encode(), expected.encode())
        if self.passwords is None:
            return False
        try:
            self.passwords.load()
        except (OSError, ValueError) as exc:   # a bad edit mid-class: keep the secrets we had
            self.note(None, None, f"passwords file not reloaded: {escaped(exc)}")
        return self.passwords.check(username, password)

    # --- one student's session ------------------------------------------------
    async def session(self, process: asyncssh.SSHServerProcess) -> None:
        task = asyncio.current_task()
        self.sessions.add(task)
        guard = process.channel.get_connection().get_owner()
        try:
            await self._session(process, guard)
        finally:
            self.sessions.discard(task)

    async def _session(self, process: asyncssh.SSHServerProcess, guard: Guard) -> None:
        student = process.get_extra_info("username") or ""
        peer = (process.get_extra_info("peername") or ("?",))[0]
        term = process.get_terminal_type()

        lang = _student_language(process)
        with using(lang):                 # no await inside: the language is the process's one setting
            refusal = self._refusal(process, student, term, guard)
        if refusal is not None:
            why, message, code = refusal
            self._log(student, peer, term, 0, f"refused: {why}")
            process.stdout.write((message + "\r\n").encode())
            process.exit(code)
            return
        guard.session_started()
        try:
            await self._run_app(process, student, peer, term, lang)
        finally:
            guard.session_ended()

    def _refusal(self, process: asyncssh.SSHServerProcess, student: str, term: str | None,
                 guard: Guard) -> tuple[str, str, int] | None:
        """(why, for the log; what the student reads; exit status) if this session is refused."""
        if process.command is not None or process.subsystem is not None:
            return ("exec or subsystem request",
                    t("dltutor: this server only runs the tutor in your terminal; commands and sftp are refused."), 1)
        if not valid_student(student):
            return "bad name", explain_bad_name(student), 1
        if not term:
            return ("no terminal",
                    t("dltutor needs a terminal: connect with `ssh -t NAME@HOST` (no command after the host)."), 1)
        if not _TERM_TYPE.fullmatch(term):
            return ("bad terminal type", t("dltutor doesn't know your terminal type; connect from an ordinary "
                                           "terminal (for example: TERM=xterm-256color ssh ...)."), 1)
        if len(self.children) >= self.options.max_sessions:
            return ("class full", t("Sorry, the class is full ({n} students). Please try again in a minute.",
                                    n=self.options.max_sessions), 0)
        if guard.sessions:
            return ("second session on one connection",
                    t("dltutor: one tutor per connection; open another ssh connection for another one."), 1)
        return None

    def _app_environment(self) -> dict[str, str]:
        """Every app's environment before the client's terminal and language: nothing of the server's."""
        data = str(self.options.data_dir)
        return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": data, "DLTUTOR_DATA_DIR": data,
                "DLTUTOR_CLASSROOM": "1",     # exercises run student code only in the sandbox
                **database_env(self.options.db)}

    async def _start_app(self, args: list[str], env: dict[str, str], slave: int):
        """A forked app from the zygote; a fresh Python if there is none (or with --app-command)."""
        if self.zygote is not None:
            try:
                return await self.zygote.spawn(args, env, [slave])
            except ZygoteUnavailable as exc:
                self.note(None, None, f"zygote unavailable ({escaped(exc)}): starting a fresh Python")
        command = self.options.app_command or [sys.executable, "-m", "tutor"]
        return await asyncio.create_subprocess_exec(
            *command, *args, stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True, preexec_fn=_controlling_tty)

    async def _run_app(self, process: asyncssh.SSHServerProcess, student: str, peer: str, term: str,
                       lang: str) -> None:
        started = time.monotonic()
        cols, rows, _, _ = process.get_terminal_size()
        env = {**self._app_environment(), "TERM": term}
        env.update(_client_env(process))
        master, slave = pty.openpty()
        try:
            try:
                os.set_blocking(master, False)
                _set_winsize(slave, cols or 80, rows or 24)
                child = await self._start_app(["--student", student, "--data-dir", str(self.options.data_dir)],
                                              env, slave)
            finally:
                os.close(slave)
        except Exception as exc:          # OSError, ValueError, SubprocessError: nothing may leak
            os.close(master)
            self._log(student, peer, term, 0, f"failed to start: {escaped(exc)}")
            with using(lang):
                message = t("dltutor could not start on the server; please tell your teacher.")
            process.stdout.write((message + "\r\n").encode())
            process.exit(1)
            return
        self.children.add(child)
        try:
            reason = await pump(process, master, idle_timeout=self.options.idle_timeout, stopping=self.stopping,
                                resize=lambda w, h: _set_winsize(master, w, h))
        finally:
            await self._stop(child)
            self.children.discard(child)
            os.close(master)
        code = child.returncode
        if reason == "app exited" and code != 0:
            reason = f"app exited (code {code})"
        self._log(student, peer, term, time.monotonic() - started, reason)
        if reason != "app exited":        # we ended it, or the app did not end well: restore the terminal
            with using(lang):
                self._goodbye(process, reason)
        ended_well = reason in ("app exited", "idle", "server stopping")
        process.exit(code if code and code > 0 else (0 if ended_well else 1))

    def _goodbye(self, process: asyncssh.SSHServerProcess, reason: str) -> None:
        if reason == "idle":
            text = t("No key pressed for {minutes:g} min: goodbye! Your progress is saved.",
                     minutes=self.options.idle_timeout / 60)
        else:                             # nothing to say to a client that left
            text = next((translated(v) for k, v in _GOODBYE.items() if reason.startswith(k)), "")
        try:
            process.stdout.write(_RESTORE_TERMINAL + (f"\r\n{text}\r\n" if text else "").encode())
        except (OSError, asyncssh.Error):
            pass                          # the client is already gone

    @staticmethod
    async def _stop(child: asyncio.subprocess.Process) -> None:
        if child.returncode is not None:
            return
        for sig, wait in ((signal.SIGHUP, 3.0), (signal.SIGTERM, 2.0), (signal.SIGKILL, 2.0)):
            try:
                os.killpg(child.pid, sig)
            except ProcessLookupError:
                # Ended and already reaped (by the zygote, or asyncio for a fresh Python), its exit
                # status not read yet: wait for it, or a crash is logged as "code None".
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(child.wait(), wait)
                return
            try:
                await asyncio.wait_for(child.wait(), wait)
                return
            except asyncio.TimeoutError:
                continue

    # --- the log: one line per event, client-supplied text escaped -------------------
    def _log(self, student: str, peer: str, term: str | None, seconds: float, how: str) -> None:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
        print(f"{stamp} student={shown(student)} address={peer} terminal={shown(term) if term else '-'} "
              f"duration={seconds:.0f}s {how}", file=self.options.log, flush=True)

    def note(self, student: str | None, peer: str | None, how: str) -> None:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
        who = (f"student={shown(student)} " if student else "") + (f"address={peer} " if peer else "")
        print(f"{stamp} {who}{how}", file=self.options.log, flush=True)

    # --- the server ----------------------------------------------------------------
    async def start(self) -> None:
        self.server = await asyncssh.create_server(
            lambda: Guard(self), self.options.host, self.options.port,
            server_host_keys=[str(host_key_path(self.options.data_dir))],
            process_factory=self.session, encoding=None, line_editor=False,
            allow_scp=False, sftp_factory=None, agent_forwarding=False, x11_forwarding=False,
            allow_pty=True)
        if self.zygote is not None:
            try:
                self.zygote.start()       # now, so the first students don't wait for its imports
            except OSError as exc:
                self.note(None, None, f"zygote not started ({escaped(exc)}): a fresh Python per student")

    async def stop(self) -> None:
        """End every session cleanly: each app gets SIGHUP and saves as it goes."""
        if self.server is not None:
            self.server.close()
        self.stopping.set()
        if self.sessions:
            await asyncio.wait(list(self.sessions), timeout=STOP_GRACE)
        if self.zygote is not None:
            self.zygote.close()

    def kill_now(self) -> None:
        """From the deadline thread: the loop may be stuck, so no await, nothing shared changed."""
        try:
            children = list(self.children)
        except RuntimeError:              # a session changed it meanwhile: exiting closes our PTYs,
            children = []                 # which hangs up every app anyway
        for child in children:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except OSError:
                pass


def serve(options: Options) -> int:
    """Run until SIGINT or SIGTERM."""
    async def main() -> None:
        room = Classroom(options)
        await room.start()
        print(t("dltutor: serving a classroom over SSH on {host}:{port} (auth {auth}, data in {folder}). "
                "Ctrl+C stops it.", host=options.host, port=options.port, auth=options.auth,
                folder=str(options.data_dir) + progress_in(options.db)), file=options.log, flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        signalled: list[int] = []

        def hard_exit() -> None:
            print(t("dltutor: shutdown took too long; stopping now."), file=options.log, flush=True)
            room.kill_now()
            os._exit(1)

        def on_signal(signum, frame) -> None:
            # A plain signal handler, not loop.add_signal_handler: it runs even if the loop
            # were stuck, and it arms a deadline that does not need the loop at all.
            if signalled:
                hard_exit()               # a second Ctrl+C: now
            signalled.append(signum)
            loop.call_soon_threadsafe(stop.set)
            deadline = threading.Timer(STOP_DEADLINE, hard_exit)
            deadline.daemon = True
            deadline.start()

        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, on_signal)
        await stop.wait()
        await room.stop()

    asyncio.run(main())
    return 0
