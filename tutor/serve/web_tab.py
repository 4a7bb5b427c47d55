"""One browser tab's dltutor process, as the web route starts and stops it.

textual-serve's AppService runs the command through a shell with the server's whole environment
(which may carry DLTUTOR_CLASS_PASSWORD), passes any terminal size a client asks for, and waits
forever for an app that does not answer "quit". TabApp overrides just those parts; the overridden
internals are listed in tutor/serve/web_compat.py, which checks them at start-up.
"""
from __future__ import annotations

import asyncio
import logging
import math
import os
import shlex
import signal
import sys
from importlib.metadata import version
from pathlib import Path

from textual_serve.app_service import AppService

from tutor.serve.database import database_env
from tutor.serve.forkserver import Zygote, ZygoteUnavailable

log = logging.getLogger("textual-serve")

MAX_WIDTH, MAX_HEIGHT = 500, 200      # cells; 65535×65535 grew one app to 7.9 GiB in 30 s
QUIT_GRACE = 5.0                       # seconds an app gets to quit before it is killed
# Passed through from the server's environment when set; nothing else is.
PASSED_ENV = ("LANG", "LC_ALL", "LC_MESSAGES", "DLTUTOR_LESSONS")


def app_argv(data_dir: Path, student: str | None = None, lang: str | None = None) -> list[str]:
    """The command each tab runs (no shell in between)."""
    argv = [sys.executable, "-m", "tutor", "--data-dir", str(data_dir.resolve())]
    argv += ["--student", student] if student else ["--ask-name"]
    argv += ["--lang", lang] if lang else []
    return argv


def app_environment(data_dir: Path, width: int, height: int, db: str | None = None) -> dict[str, str]:
    """A minimal environment for a tab's app, plus what textual-serve's web driver needs."""
    data = str(data_dir.resolve())
    env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": data, "TERM": "xterm-256color",
           "DLTUTOR_DATA_DIR": data, "DLTUTOR_CLASSROOM": "1"}   # exercises: student code only in the sandbox
    env.update({name: os.environ[name] for name in PASSED_ENV if name in os.environ})
    env.update(database_env(db))                                 # --db: $DLTUTOR_DB, never on the command line
    # As textual-serve's AppService._build_environment sets them:
    env.update({"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "TEXTUAL_FPS": "60",
                "TEXTUAL_COLOR_SYSTEM": "truecolor", "TERM_PROGRAM": "textual",
                "TERM_PROGRAM_VERSION": version("textual-serve"), "COLUMNS": str(width), "ROWS": str(height)})
    return env


def zygote_environment(data_dir: Path) -> dict[str, str]:
    """The web zygote's environment: a tab's, less its size (Textual reads its settings on import)."""
    env = app_environment(data_dir, 80, 24)
    del env["COLUMNS"], env["ROWS"]
    return env


def clamp_size(width: int, height: int) -> tuple[int, int]:
    return max(1, min(width, MAX_WIDTH)), max(1, min(height, MAX_HEIGHT))


def as_cells(value: object) -> int | None:
    """A size from a client's JSON: a finite number, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return int(value)


class TabApp(AppService):
    def __init__(self, argv: list[str], data_dir: Path, db: str | None = None, zygote: Zygote | None = None,
                 **kwargs) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv
        self.data_dir = data_dir
        self.db = db
        self.zygote = zygote
        self._stopping: asyncio.Future | None = None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return app_environment(self.data_dir, width, height, self.db)

    async def _open_app_process(self, width: int = 80, height: int = 24):
        if self.zygote is not None:
            try:
                self._process = process = await self._forked(width, height)
                self._stdin = process.stdin
                return process
            except ZygoteUnavailable as exc:
                log.warning("zygote unavailable (%s): starting a fresh Python for a tab", exc)
        # Its own process group, so stopping the tab can kill whatever the app started.
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width, height), start_new_session=True)
        self._stdin = process.stdin
        return process

    async def _forked(self, width: int, height: int):
        """The tab's app forked from the zygote, on pipes as textual-serve expects (tutor/serve/zygote.py)."""
        assert self.zygote is not None
        pipes = [os.pipe() for _ in range(3)]                 # stdin, stdout, stderr
        theirs, ours = [pipes[0][0], pipes[1][1], pipes[2][1]], [pipes[0][1], pipes[1][0], pipes[2][0]]
        try:
            child = await self.zygote.spawn(self.argv[3:], self._build_environment(width, height), theirs)
        except BaseException:
            for fd in ours:
                os.close(fd)
            raise
        finally:
            for fd in theirs:
                os.close(fd)
        loop = asyncio.get_running_loop()
        readers = []
        for fd in ours[1:]:
            reader = asyncio.StreamReader()
            await loop.connect_read_pipe(lambda r=reader: asyncio.StreamReaderProtocol(r), os.fdopen(fd, "rb", 0))
            readers.append(reader)
        transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin,
                                                            os.fdopen(ours[0], "wb", 0))
        child.stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        child.stdout, child.stderr = readers
        return child

    async def start(self, width: int, height: int) -> None:
        await super().start(*clamp_size(width, height))

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp_size(width, height))

    async def run(self) -> None:
        await super().run()
        if self._stopping is None:      # the app ended by itself (quit or crash): end the tab too
            await self.remote_close()

    async def stop(self) -> None:
        """Ask the app to quit; kill it if it has not within QUIT_GRACE. Safe to call more than once."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        # AppService.stop, with a deadline; asyncio.wait, unlike wait_for, cancels nothing on timeout
        # (the run task swallows cancellation, which would hang wait_for).
        process, task = self._process, self._task
        if process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        quitting = asyncio.ensure_future(self.send_meta({"type": "quit"}))
        exited = asyncio.ensure_future(process.wait())
        if not (await asyncio.wait({exited}, timeout=QUIT_GRACE))[0]:
            log.warning("a tab's dltutor did not quit within %.0f s; killed", QUIT_GRACE)
            try:
                os.killpg(process.pid, signal.SIGKILL)     # its own group: whatever it started goes too
            except ProcessLookupError:
                pass
        await exited
        quitting.cancel()
        if self.zygote is not None and self._stdin is not None:
            self._stdin.close()                             # a forked app's pipe is ours to close
        if task is not None and not (await asyncio.wait({task}, timeout=QUIT_GRACE))[0]:
            task.cancel()                                   # something still holds its output open
