"""The server's end of the zygote (tutor/serve/zygote.py): ask it for a ready dltutor per connection.

The asyncio server never forks itself (it holds the class's sockets and, with --auth password,
the secret): a separate zygote process does, over a socket that carries each PTY slave.  Anything
that goes wrong here makes `spawn` raise ZygoteUnavailable, and the caller starts a fresh Python
instead, so a broken zygote costs speed, never a session.  A zygote that dies is started again on
the next connection; its children keep running (we watch them through pidfds, not as our children).
"""
from __future__ import annotations

import array
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from typing import Callable

START_TIMEOUT = 60.0          # imports on a busy machine
REPLY_TIMEOUT = 10.0          # a fork
RETRY_AFTER = 30.0            # after a zygote failed to start, spawn fresh Pythons this long
EXIT_CODE_WAIT = 2.0          # the zygote reaps a child just after its pidfd says it ended
COMMAND = [sys.executable, "-m", "tutor.serve.zygote"]     # + the socket's descriptor number


class ZygoteUnavailable(Exception):
    pass


class AppChild:
    """A forked app, as much like asyncio.subprocess.Process as the server uses: pid, returncode, wait()."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._ended = asyncio.get_running_loop().create_future()
        self._pidfd: int | None = None
        self._timer: asyncio.TimerHandle | None = None

    def watch(self, on_gone: Callable[["AppChild"], None]) -> None:
        """Notice the end through a pidfd: it works for another process's child, and if the zygote died."""
        loop = asyncio.get_running_loop()
        try:
            self._pidfd = os.pidfd_open(self.pid)
        except OSError:                  # already gone and reaped: its exit message is on its way
            self._timer = loop.call_later(EXIT_CODE_WAIT, self.ended, None)
            return
        loop.add_reader(self._pidfd, on_gone, self)

    def gone(self, zygote_alive: bool) -> None:
        """The pidfd says it ended; the code comes from the zygote, if there still is one."""
        self._close_pidfd()
        if self._ended.done() or self._timer is not None:
            return
        if zygote_alive:
            self._timer = asyncio.get_running_loop().call_later(EXIT_CODE_WAIT, self.ended, None)
        else:
            self.ended(None)

    def ended(self, code: int | None) -> None:
        if self._ended.done():
            return
        self.returncode = code
        self._ended.set_result(code)
        self._close_pidfd()
        if self._timer is not None:
            self._timer.cancel()

    def _close_pidfd(self) -> None:
        if self._pidfd is not None:
            asyncio.get_running_loop().remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = None

    async def wait(self) -> int | None:
        return await asyncio.shield(self._ended)


class Zygote:
    def __init__(self, env: dict[str, str], log: Callable[[str], None] = lambda _: None) -> None:
        self.env = env
        self.log = log
        self.proc: subprocess.Popen | None = None
        self.sock: socket.socket | None = None
        self.ready: asyncio.Future | None = None
        self.replies: dict[int, asyncio.Future] = {}
        self.children: dict[int, AppChild] = {}
        self.next_id = 0
        self.failed_at = -RETRY_AFTER
        self.closed = False

    # --- the zygote process --------------------------------------------------------------------
    def start(self) -> None:
        loop = asyncio.get_running_loop()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.proc = subprocess.Popen([*COMMAND, str(theirs.fileno())],
                                         pass_fds=[theirs.fileno()], env=self.env, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, start_new_session=True)
        except OSError:
            ours.close()
            self.failed_at = time.monotonic()
            raise
        finally:
            theirs.close()
        ours.setblocking(False)
        self.sock = ours
        self.ready = loop.create_future()
        loop.add_reader(ours, self._on_message, ours)

    @property
    def alive(self) -> bool:
        return self.sock is not None

    def _on_message(self, sock: socket.socket) -> None:
        try:
            data = sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            return self._lost(sock)
        try:
            message = json.loads(data)
        except ValueError:
            return
        if message.get("ready"):
            if self.ready is not None and not self.ready.done():
                self.ready.set_result(True)
        elif "exited" in message:
            child = self.children.pop(message["exited"], None)
            if child is not None:
                child.ended(message.get("code"))
        elif (reply := self.replies.pop(message.get("id"), None)) is not None and not reply.done():
            if "pid" in message:
                reply.set_result(message["pid"])
            else:
                reply.set_exception(ZygoteUnavailable(message.get("error", "no reason")))

    def _lost(self, sock: socket.socket) -> None:
        """The zygote is gone (died, killed): fail what waits on it; its children end on their pidfds."""
        if sock is not self.sock:
            return
        asyncio.get_running_loop().remove_reader(sock)
        sock.close()
        self.sock = None
        if not self.closed:
            self.log("zygote ended; the next connection starts a new one")
        if self.ready is not None and not self.ready.done():
            self.ready.set_exception(ZygoteUnavailable("the zygote ended while starting"))
            self.failed_at = time.monotonic()
        for reply in self.replies.values():
            if not reply.done():
                reply.set_exception(ZygoteUnavailable("the zygote ended"))
        self.replies.clear()
        self._reap()

    def _reap(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    async def _ensure(self) -> None:
        if self.closed:
            raise ZygoteUnavailable("the server is stopping")
        if not self.alive:
            if time.monotonic() - self.failed_at < RETRY_AFTER:
                raise ZygoteUnavailable("the zygote failed to start a moment ago")
            self._reap()
            self.start()
        try:
            await asyncio.wait_for(asyncio.shield(self.ready), START_TIMEOUT)
        except asyncio.TimeoutError:
            self.failed_at = time.monotonic()
            self.log("zygote did not start in time")
            self.close()
            raise ZygoteUnavailable("the zygote did not start in time") from None

    # --- one app -----------------------------------------------------------------------------
    async def spawn(self, args: list[str], env: dict[str, str], fds: list[int]) -> AppChild:
        """A forked dltutor running `args` on `fds`: a PTY slave, or stdin, stdout and stderr pipe ends
        (the caller closes its copies)."""
        await self._ensure()
        self.next_id += 1
        ident = self.next_id
        reply = asyncio.get_running_loop().create_future()
        self.replies[ident] = reply
        try:
            self.sock.sendmsg([json.dumps({"id": ident, "args": args, "env": env}).encode()],
                              [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))])
            pid = await asyncio.wait_for(reply, REPLY_TIMEOUT)
        except (OSError, asyncio.TimeoutError) as exc:
            self.replies.pop(ident, None)
            raise ZygoteUnavailable(str(exc) or type(exc).__name__) from None
        child = AppChild(pid)
        self.children[pid] = child
        child._ended.add_done_callback(lambda _: self.children.pop(pid, None) if self.children.get(pid) is child
                                       else None)
        child.watch(self._gone)
        return child

    def _gone(self, child: AppChild) -> None:
        child.gone(self.alive)

    def close(self) -> None:
        """Stop the zygote (its children stay, each with its own session)."""
        self.closed = True
        if self.sock is not None:
            self._lost(self.sock)
        self._reap()
