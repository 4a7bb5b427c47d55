"""What one student's keys cost the server: CPU per key of one app, old install beside new.

In a class of 40 on 2 cores, key → redraw latency is mostly the queue of every other student's
keys, so the figure to cut is the CPU each key costs its app. `classroom.py` measures the class
(noisy: 1.5–3× over a day); this measures one app at a time, closely enough to see a few ms.

Each run starts the install's app in a pseudo-terminal (100×30) the way `serve` does: a parent
imports and parses everything (tutor.serve.zygote.preload, where the install has it), then forks
the app. Once the home screen is drawn it presses enter, →, →, ← (as classroom.py does), waits
until the app is quiet after each key, and reads the app's CPU time from /proc/PID/schedstat
(nanoseconds), then q back home; `--rounds` times. Runs of the installs alternate, `--runs` each.

    python benchmarks/key_cpu.py --python /work/wt/prefork-base/.venv/bin/python --python .venv/bin/python

Prints, per install, the median over runs of each key's mean CPU (ms) and of a round's, with the
ratio to the first install. Asserts nothing.
"""
from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time

KEYS = ("\r", "\x1b[C", "\x1b[C", "\x1b[D")    # open the first lesson, next page, next, back

# Run by each install's interpreter: preload as the zygote does (if this install has one), fork
# the app, print its pid. An install from before the zygote runs the app in this process.
LAUNCHER = """
import os, sys
try:
    from tutor.serve import zygote
    for _ in zygote.preload():
        pass
except ImportError:
    zygote = None
if zygote is None or os.fork() == 0:
    print("app-pid", os.getpid(), flush=True)
    from tutor.cli import main
    main(sys.argv[1:])
    os._exit(0)
os.wait()
"""


def cpu_ns(pid: int) -> int:
    with open(f"/proc/{pid}/schedstat") as f:
        return int(f.read().split()[0])


def read_until_quiet(fd: int, quiet: float, limit: float) -> bytes:
    out, start, last = b"", time.monotonic(), time.monotonic()
    while time.monotonic() - last < quiet and time.monotonic() - start < limit:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            out, last = out + chunk, time.monotonic()
    return out


def one_run(python: str, rounds: int) -> list[list[float]]:
    """CPU ms of each key (KEYS order), one list per round."""
    data = tempfile.mkdtemp(prefix="dltutor-keys-")
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(data)           # import the install under test, not a checkout in the cwd
        env = dict(os.environ, TERM="xterm-256color", DLTUTOR_DATA_DIR=data, LANG="C.UTF-8")
        os.execve(python, [python, "-c", LAUNCHER, "--lang", "en", "--student", "bench"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen, deadline = b"", time.monotonic() + 60
    while not (b"app-pid" in seen and b"dltutor" in seen.split(b"app-pid", 1)[1]):   # the home screen
        if time.monotonic() > deadline:
            raise RuntimeError(f"{python}: no home screen: {seen[-500:]!r}")
        seen += read_until_quiet(fd, 0.2, 5)
    app = int(seen.split(b"app-pid", 1)[1].split()[0])
    read_until_quiet(fd, 1.0, 20)                     # the home screen, settled
    costs = []
    for _ in range(rounds):
        row = []
        for key in KEYS:
            before = cpu_ns(app)
            os.write(fd, key.encode())
            read_until_quiet(fd, 0.4, 10)
            row.append((cpu_ns(app) - before) / 1e6)
        costs.append(row)
        os.write(fd, b"q")                            # home again
        read_until_quiet(fd, 0.4, 10)
    for _ in range(3):
        try:
            os.write(fd, b"q")
        except OSError:
            break
        read_until_quiet(fd, 0.3, 3)
    for p in (app, pid):
        try:
            os.kill(p, 15)
        except ProcessLookupError:
            pass
    os.waitpid(pid, 0)
    os.close(fd)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--python", action="append", required=True, help="an install's interpreter (repeat)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    results: dict[str, list[list[float]]] = {p: [] for p in args.python}   # per run: mean ms per key
    for _ in range(args.runs):
        for python in args.python:                     # alternate: both see the same machine
            rows = one_run(python, args.rounds)
            results[python].append([statistics.mean(r[i] for r in rows) for i in range(len(KEYS))])
    base = None
    for python, runs in results.items():
        keys = [statistics.median(run[i] for run in runs) for i in range(len(KEYS))]
        total = statistics.median(sum(run) for run in runs)
        ratio = f" ({total / base:.2f}×)" if base else ""
        base = base or total
        print(f"{python}\n  cpu_ms enter={keys[0]:.1f} right={keys[1]:.1f} right={keys[2]:.1f} "
              f"left={keys[3]:.1f}  round={total:.1f}{ratio}  (median of {len(runs)} runs × {args.rounds} rounds)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
