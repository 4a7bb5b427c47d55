"""Bytes between one student's SSH channel and their app's pseudo-terminal.

The server runs every student on one event loop, so nothing here may block it:
- keys go to the PTY (non-blocking) from a bounded buffer, written when the PTY
  can take them; a client that sends more than INPUT_LIMIT the app has not taken
  yet is flooding (a paste is a few KiB) and is dropped, not the class;
- output is read from the PTY only while the client's SSH channel drains; above
  OUTPUT_LIMIT waiting for the client we stop reading and the app waits instead;
- keys are passed on as valid UTF-8 (invalid bytes become U+FFFD): the app's input
  decoder (Textual's) is strict, and one Latin-1 byte ended the session with a
  traceback. Done here, so it holds whatever the app or its library version does.
"""
from __future__ import annotations

import asyncio
import codecs
import os
import time
from typing import Callable

import asyncssh

INPUT_LIMIT = 64 * 1024
OUTPUT_LIMIT = 64 * 1024          # asyncssh's own write high-water mark


async def pump(process: asyncssh.SSHServerProcess, master: int, *, idle_timeout: float,
               stopping: asyncio.Event, resize: Callable[[int, int], None]) -> str:
    """Copy both ways until the app exits, the client leaves, floods or idles, or the server stops.

    Returns why it ended. `master` must be non-blocking.
    """
    loop = asyncio.get_running_loop()
    ended: asyncio.Future[str] = loop.create_future()
    waiting = bytearray()                 # keys the app has not taken yet
    to_utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
    last_key = time.monotonic()
    helpers: set[asyncio.Future] = set()

    def end(reason: str) -> None:
        if not ended.done():
            ended.set_result(reason)

    def from_app() -> None:
        try:
            data = os.read(master, 65536)
        except BlockingIOError:
            return
        except OSError:                   # EIO: the app closed its terminal
            data = b""
        if not data:
            loop.remove_reader(master)
            return end("app exited")
        try:
            process.stdout.write(data)
        except (OSError, asyncssh.Error):
            return end("connection dropped")
        if process.channel.get_write_buffer_size() > OUTPUT_LIMIT:
            loop.remove_reader(master)    # the client is not reading: let the app wait
            task = asyncio.ensure_future(read_again_when_drained())
            helpers.add(task)
            task.add_done_callback(helpers.discard)

    async def read_again_when_drained() -> None:
        try:
            await process.stdout.drain()
        except (OSError, asyncssh.Error):
            return end("connection dropped")
        if not ended.done():
            loop.add_reader(master, from_app)

    def to_app() -> None:
        try:
            written = os.write(master, waiting)
        except BlockingIOError:
            return
        except OSError:
            return end("app exited")
        del waiting[:written]
        if not waiting:
            loop.remove_writer(master)

    async def keys() -> str:
        nonlocal last_key
        while True:
            try:
                data = await process.stdin.read(4096)
            except asyncssh.TerminalSizeChanged as exc:
                resize(exc.width, exc.height)
                continue
            except (asyncssh.BreakReceived, asyncssh.SignalReceived):
                continue
            except (asyncssh.Error, OSError):
                return "connection dropped"
            if not data:
                return "connection closed"
            last_key = time.monotonic()
            data = to_utf8.decode(data).encode()
            if not data:
                continue
            was_empty = not waiting
            waiting.extend(data)
            if len(waiting) > INPUT_LIMIT:
                return f"dropped: too much input ({len(waiting) // 1024} KiB the app had not read)"
            if was_empty:
                to_app()
                if waiting:
                    loop.add_writer(master, to_app)

    async def idle() -> str:
        while True:
            await asyncio.sleep(max(0.5, min(5.0, idle_timeout / 4)))
            if time.monotonic() - last_key > idle_timeout:
                return "idle"

    async def server_stops() -> str:
        await stopping.wait()
        return "server stopping"

    loop.add_reader(master, from_app)
    waiters = [ended, asyncio.ensure_future(keys()), asyncio.ensure_future(server_stops())]
    if idle_timeout > 0:
        waiters.append(asyncio.ensure_future(idle()))
    try:
        done, _ = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        return next(iter(done)).result()
    finally:
        for task in [*waiters, *helpers]:
            task.cancel()
        loop.remove_reader(master)
        loop.remove_writer(master)
