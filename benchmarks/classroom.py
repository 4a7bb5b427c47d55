"""A classroom on loopback: N students connect to `dltutor serve ssh` at once, old install beside new.

Each student is an asyncssh client with a PTY (100×30). All connect at once; once every first
screen is drawn, each student presses four keys (enter on the first lesson, right, right, left)
at random moments within the same second. Reported per install and class size:

- first screen: seconds from connecting to the home screen (median, max);
- key → redraw: ms from a key to the next bytes the app sends back (p50, p95);
- PSS per student: the proportional set size (/proc/PID/smaps_rollup) of every process the
  server started, zygote included, divided by the class; RSS: the mean of the apps' own.

This machine's speed varies over a day, so compare installs in the same run: `--python` names
each install's interpreter (a venv with dltutor installed), run in turn for each class size.
Prints figures and the ratio of each install to the first; asserts nothing.

    python benchmarks/classroom.py --students 20 40 \\
        --python /work/wt/prefork-base/.venv/bin/python --python .venv/bin/python
"""
from __future__ import annotations

import argparse
import asyncio
import os
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
KEYS = ("\r", "\x1b[C", "\x1b[C", "\x1b[D")    # open the first lesson, next page, next, back


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


def memory_kib(pid: int, field: str) -> int:
    """A field of /proc/PID/smaps_rollup (Pss, Rss) in KiB; 0 if the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


class Student:
    def __init__(self, name: str) -> None:
        self.name = name
        self.first_screen: float | None = None
        self.buffer = b""
        self.pending: list[float] = []       # keys sent and not yet answered
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
            now = time.monotonic()
            self.latencies += [now - sent for sent in self.pending]
            self.pending.clear()
            if self.first_screen is None:
                self.buffer = (self.buffer + data)[-200_000:]
                if MARKER in self.buffer.lower():
                    self.first_screen = now - start

    async def press(self, keys: tuple[str, ...], within: float) -> None:
        """Each key at a random moment within `within` seconds, in order."""
        moments = sorted(random.uniform(0, within) for _ in keys)
        begin = time.monotonic()
        for key, at in zip(keys, moments):
            await asyncio.sleep(max(0.0, begin + at - time.monotonic()))
            self.pending.append(time.monotonic())
            self.process.stdin.write(key.encode())


def quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


async def one_class(python: str, n: int, within: float) -> dict[str, float]:
    data = Path(tempfile.mkdtemp(prefix="dltutor-class-"))
    port = free_port()
    log = data / "server.log"
    # cwd: the data folder, so `-m tutor` imports the install under test, not this checkout.
    server = subprocess.Popen([python, "-m", "tutor.serve", "ssh", "--host", "127.0.0.1", "--port", str(port),
                               "--data-dir", str(data), "--max-sessions", str(n + 5), "--max-per-address", "0"],
                              stdout=subprocess.DEVNULL, stderr=open(log, "w"), cwd=data)
    try:
        while b"serving a classroom" not in log.read_bytes():
            if server.poll() is not None:
                raise RuntimeError(log.read_text())
            await asyncio.sleep(0.1)
        await asyncio.sleep(3)               # a server is up before the class arrives
        students = [Student(f"student{i:02d}") for i in range(n)]
        start = time.monotonic()
        await asyncio.gather(*(s.connect(port, start) for s in students))
        deadline = time.monotonic() + 120
        while any(s.first_screen is None for s in students) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        firsts = [s.first_screen for s in students if s.first_screen is not None]
        await asyncio.sleep(3)               # settled
        pids = descendants(server.pid)
        server_cpu, apps_cpu = cpu_seconds(server.pid), sum(cpu_seconds(p) for p in pids)
        await asyncio.gather(*(s.press(KEYS, within) for s in students))
        deadline = time.monotonic() + 30
        while any(s.pending for s in students) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1)
        server_cpu = cpu_seconds(server.pid) - server_cpu
        apps_cpu = sum(cpu_seconds(p) for p in pids) - apps_cpu
        pids = descendants(server.pid)
        apps = [p for p in pids if comm(p) != "dltutor-zygote"]
        pss = sum(memory_kib(p, "Pss") for p in pids) / 1024 / n
        rss = statistics.mean(memory_kib(p, "Rss") for p in apps) / 1024 if apps else 0.0
        lat = [x for s in students for x in s.latencies]
        for s in students:
            s.process.channel.get_connection().abort()
        return {"on_first_screen": len(firsts), "first_median": statistics.median(firsts) if firsts else float("nan"),
                "first_max": max(firsts) if firsts else float("nan"), "key_p50": quantile(lat, 0.5) * 1000,
                "key_p95": quantile(lat, 0.95) * 1000, "keys": len(lat), "pss": pss, "rss": rss, "apps": len(apps),
                "server_cpu_ms": server_cpu * 1000 / max(1, len(lat)), "app_cpu_ms": apps_cpu * 1000 / max(1, len(lat))}
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        await asyncio.sleep(2)               # the last apps exit before the next class


def show(python: str, n: int, r: dict[str, float], base: dict[str, float] | None) -> None:
    def ratio(key: str) -> str:
        return f" ({r[key] / base[key]:.2f}×)" if base and base[key] else ""
    print(f"{python}  students={n} on_first_screen={r['on_first_screen']}/{n}\n"
          f"  first_screen_s median={r['first_median']:.2f}{ratio('first_median')} max={r['first_max']:.2f}\n"
          f"  key_redraw_ms p50={r['key_p50']:.0f} p95={r['key_p95']:.0f}{ratio('key_p95')} (n={r['keys']})\n"
          f"  pss_per_student_mib={r['pss']:.1f}{ratio('pss')} rss_per_app_mib={r['rss']:.1f}{ratio('rss')} "
          f"apps={r['apps']}\n"
          f"  cpu_per_key_ms server={r['server_cpu_ms']:.1f}{ratio('server_cpu_ms')} "
          f"app={r['app_cpu_ms']:.1f}{ratio('app_cpu_ms')}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, nargs="+", default=[20, 40])
    parser.add_argument("--python", action="append", default=None,
                        help="an install's interpreter; repeat to compare (ratios are to the first)")
    parser.add_argument("--within", type=float, default=1.0, help="the four keys fall within this many seconds")
    args = parser.parse_args()
    pythons = args.python or [sys.executable]
    for n in args.students:
        base = None
        for python in pythons:
            random.seed(n)
            result = asyncio.run(one_class(python, n, args.within))
            show(python, n, result, base)
            base = base or result


if __name__ == "__main__":
    main()
