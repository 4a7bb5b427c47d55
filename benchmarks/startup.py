"""How fast does `dltutor` show its home screen, next to a minimal Textual app?

Each run starts a program in a pseudo-terminal (100×30), reads its output
until a marker string appears (the first complete screen), notes the time and
the peak memory (VmHWM from /proc/<pid>/status), then quits it.  Runs of
`dltutor` alternate with runs of a minimal Textual + plotext app (a header,
one plot, a footer), 7 of each, so both see the same machine load.

    python benchmarks/startup.py [--runs 7] [--command dltutor]

Prints both medians, their ratio and the peak RSS (and the uncounted first
start, which parses every lesson before the cache exists).  Never asserts: targets
(ratio ≤ 1.2, ≤ 80 MiB) are for a person to read.
"""
from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

COLS, ROWS = 100, 30

BASELINE = '''
from textual.app import App
from textual.binding import Binding
from textual.widgets import Footer, Header
from textual_plotext import PlotextPlot


class Baseline(App):
    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self):
        yield Header()
        yield PlotextPlot()
        yield Footer()

    def on_mount(self):
        plt = self.query_one(PlotextPlot).plt
        plt.plot([x / 10 for x in range(100)], [(x / 10) ** 2 for x in range(100)])
        plt.title("baseline")


Baseline().run()
'''


def peak_rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def launch(argv: list[str], marker: bytes, env: dict[str, str], quit_keys: bytes,
           limit: float = 60.0) -> tuple[float, int]:
    """(seconds to the marker, peak RSS in KiB) for one run of argv."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:   # the child: size the terminal, then become the program
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    seen = b""
    elapsed = float("nan")
    rss = 0
    try:
        while time.perf_counter() - start < limit:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen = (seen + chunk)[-4096:]
            if marker in seen:
                elapsed = time.perf_counter() - start
                rss = peak_rss_kib(pid)
                break
        os.write(fd, quit_keys)
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:   # drain until it exits
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    return elapsed, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--command", default=None, help="the dltutor executable (default: beside this Python)")
    args = parser.parse_args()

    exe = args.command or str(Path(sys.executable).with_name("dltutor"))
    if not Path(exe).exists():
        exe = shutil.which("dltutor") or ""
    if not exe:
        print("dltutor is not installed (pip install .)", file=sys.stderr)
        return 2
    home = tempfile.mkdtemp(prefix="dltutor-bench-")
    env = {"HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8", "COLORTERM": "truecolor",
           "PATH": os.environ.get("PATH", ""), "DLTUTOR_DATA_DIR": os.path.join(home, "data")}
    script = Path(home) / "baseline.py"
    script.write_text(BASELINE)

    ours = [exe, "--lang", "en"]
    base = [sys.executable, str(script)]
    t_ours, t_base, m_ours, m_base = [], [], [], []
    # Warm-up, not counted: fills the OS file cache for both and lets dltutor
    # write its parsed-lesson cache (so this first run parses every lesson).
    first, _ = launch(ours, b"Lessons", env, b"q")
    launch(base, b"Quit", env, b"q")
    for _ in range(args.runs):
        t, m = launch(ours, b"Lessons", env, b"q")
        t_ours.append(t)
        m_ours.append(m)
        t, m = launch(base, b"Quit", env, b"q")
        t_base.append(t)
        m_base.append(m)

    med_ours, med_base = statistics.median(t_ours), statistics.median(t_base)
    print(f"runs: {args.runs} each, alternated, {COLS}x{ROWS} pseudo-terminal")
    print(f"dltutor home screen    median {med_ours * 1000:7.1f} ms   "
          f"(runs: {', '.join(f'{t * 1000:.0f}' for t in t_ours)})")
    print(f"minimal Textual+plot   median {med_base * 1000:7.1f} ms   "
          f"(runs: {', '.join(f'{t * 1000:.0f}' for t in t_base)})")
    print(f"ratio                  {med_ours / med_base:.2f}   (target <= 1.2)")
    print(f"dltutor first start    {first * 1000:7.1f} ms   (one run: no lesson cache yet, cold files)")
    print(f"peak RSS dltutor       {max(m_ours) / 1024:.1f} MiB   (target <= 80 MiB)")
    print(f"peak RSS baseline      {max(m_base) / 1024:.1f} MiB")
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
