"""A classroom on loopback: N students connect to `dltutor serve ssh` at once.

Each student is an asyncssh client with a PTY (100×30). The script reports
time to first screen, key-to-redraw latency (p50/p95), resident memory per
student (the app processes' RSS), and bytes per second per student while idle
and while a lab runs. Prints figures; asserts nothing.

    python benchmarks/classroom.py --students 20
    python benchmarks/classroom.py --students 40
"""
from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh

MARKER = b"dltutor"          # text the home screen shows once it is drawn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        out += map(int, kids)
        todo += map(int, kids)
    return out


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Student:
    def __init__(self, name: str) -> None:
        self.name = name
        self.received = 0
        self.first_screen: float | None = None
        self.last_byte = 0.0
        self.buffer = b""
        self.latencies: list[float] = []
        self.process = None

    async def connect(self, port: int, start: float) -> None:
        conn = await asyncssh.connect("127.0.0.1", port, username=self.name, known_hosts=None,
                                      client_keys=None, password=None)
        self.process = await conn.create_process(term_type="xterm-256color", term_size=(100, 30), encoding=None)
        asyncio.ensure_future(self._read(start))

    async def _read(self, start: float) -> None:
        while True:
            data = await self.process.stdout.read(65536)
            if not data:
                return
            self.received += len(data)
            self.last_byte = time.monotonic()
            if self.first_screen is None:
                self.buffer = (self.buffer + data)[-200_000:]
                if MARKER in self.buffer.lower():
                    self.first_screen = self.last_byte - start

    async def key(self, keys: str, spread: float, settle: float = 0.25) -> None:
        """Send keys; latency = time to the first byte the app writes back."""
        await asyncio.sleep(random.uniform(0, spread))   # students don't all press at the same instant
        before = self.received
        sent = time.monotonic()
        self.process.stdin.write(keys.encode())
        while self.received == before and time.monotonic() - sent < 5:
            await asyncio.sleep(0.002)
        if self.received > before:
            self.latencies.append(self.last_byte - sent)
        await asyncio.sleep(settle)


async def bytes_per_second(students: list[Student], seconds: float) -> float:
    before = [s.received for s in students]
    await asyncio.sleep(seconds)
    return statistics.mean((s.received - b) / seconds for s, b in zip(students, before))


async def run(n: int, lab_keys: str, spread: float) -> None:
    data = Path(tempfile.mkdtemp(prefix="dltutor-class-"))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "tutor.serve", "ssh", "--host", "127.0.0.1", "--port", str(port),
                               "--data-dir", str(data), "--max-sessions", str(n + 5)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        students = [Student(f"student{i:02d}") for i in range(n)]
        start = time.monotonic()
        await asyncio.gather(*(s.connect(port, start) for s in students))
        deadline = time.monotonic() + 120
        while any(s.first_screen is None for s in students) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        firsts = [s.first_screen for s in students if s.first_screen is not None]
        await asyncio.sleep(2)
        idle = await bytes_per_second(students, 5)
        # Open the first lesson and page through it, everyone at once.
        per_key = {}
        for name, keys in [("enter (open lesson)", "\r"), ("right", "\x1b[C"), ("right", "\x1b[C"),
                           ("left", "\x1b[D"), ("right", "\x1b[C")]:
            before = [len(s.latencies) for s in students]
            await asyncio.gather(*(s.key(keys, spread) for s in students))
            per_key.setdefault(name, []).extend(x for s, b in zip(students, before) for x in s.latencies[b:])
        rss = [rss_mib(pid) for pid in descendants(server.pid)]
        app_rss = [r for r in rss if r > 20]     # the app processes, not helper shells
        # A live lab: the keys given by --lab-keys (default: open the command palette, pick a lab, run).
        for part in lab_keys.split("|"):
            for s in students:
                s.process.stdin.write(part.encode())
            await asyncio.sleep(1.5)
        live = await bytes_per_second(students, 5)
        lat = sorted(x for s in students for x in s.latencies)
        p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")
        print(f"students={n} on_first_screen={len(firsts)}/{n}")
        if firsts:
            print(f"first_screen_s median={statistics.median(firsts):.2f} max={max(firsts):.2f}")
        print(f"key_latency_ms p50={p(0.5):.0f} p95={p(0.95):.0f} (n={len(lat)}, keys spread over {spread:g} s)")
        for name, values in per_key.items():
            values = sorted(values)
            if values:
                print(f"  {name}: p50={values[len(values) // 2] * 1000:.0f} "
                      f"p95={values[min(len(values) - 1, int(0.95 * len(values)))] * 1000:.0f} ms")
        print(f"rss_per_student_mib mean={statistics.mean(app_rss) if app_rss else 0:.1f} processes={len(app_rss)}")
        print(f"bytes_per_s_per_student idle={idle / 1024:.2f}KiB live_lab={live / 1024:.2f}KiB")
    finally:
        server.terminate()
        server.wait(20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--lab-keys", default="\x10|optimizers|\r|r",
                        help="keys that start a live lab, in parts separated by | sent 1.5 s apart "
                             "(default: ctrl+p, 'optimizers', enter, r)")
    parser.add_argument("--spread", type=float, default=1.0,
                        help="students press each key at a random moment within this many seconds (0: all at once)")
    args = parser.parse_args()
    random.seed(0)
    asyncio.run(run(args.students, args.lab_keys, args.spread))


if __name__ == "__main__":
    main()
