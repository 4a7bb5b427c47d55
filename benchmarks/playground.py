"""The playground lab under load: training speed with the UI, key latency, terminal bytes.

1. Throughput: mini-batch steps per second of the playground's own training
   loop (tutor.labs.playground.trainer.Trainer) headless, against the same lab
   running (`r`, pace=0: as fast as it can) inside the real app driven by
   App.run_test at 100×30.  Short windows of the two alternate in one
   process (`--rounds` of each; while the headless loop runs the app's event
   loop is blocked, so it does no UI work), so a machine whose load changes
   treats both alike; the medians are compared.
2. Key latency while it trains: `+`/`-` pressed through the Pilot every
   ~0.2 s; for each press the time until the handler has run (the stepper's
   speed changed) and until the screen shows it (the status line reads the
   new speed).  p50 and p95.
3. Bytes to the terminal: the installed `dltutor lab playground` (default
   settings) in a pseudo-terminal (pty.fork) of 100×30; after start-up we
   press `r` and count the bytes read from the master for `--seconds` s.

    python benchmarks/playground.py [--rounds 8] [--train-seconds 1] [--seconds 10] [--presses 40]

Prints the figures next to the targets (UI costs ≤ 30 % of the throughput,
p95 key latency ≤ 150 ms, ≤ 40 KiB/s); never asserts.
"""
from __future__ import annotations

import argparse
import asyncio
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

# benchmarks/engine.py would shadow the engine package: import from the repository root instead
ROOT = str(Path(__file__).resolve().parents[1])
sys.path[:] = [ROOT] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

COLS, ROWS = 100, 30
ARGS = ("pace=0", "epochs=1000000")      # train flat out, never finish during a measurement


# --- 1. throughput -------------------------------------------------------------
def headless_steps_per_second(seconds: float) -> float:
    from tutor.labs import get_lab
    from tutor.labs.playground.trainer import Trainer

    lab = get_lab("playground").from_tokens(list(ARGS))
    trainer = Trainer(lab.values)
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        with trainer.lock:                 # the same loop as the background thread: 8 steps per lock
            trainer.train_batch(8)
    return trainer.step / (time.perf_counter() - start)


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def ui_run(windows: int, seconds: float, presses: int):
    """Alternating windows in one process: the trainer alone (the app's event loop blocked, so
    no UI work at all) and the app running the lab.  Returns (headless steps/s per window,
    UI steps/s per window, [handler latencies], [screen latencies]) in seconds."""
    from textual import events

    from tutor.app import DLTutorApp
    from tutor.widgets.stepper import SPEEDS, Stepper

    app = DLTutorApp(lang="en", student="bench", store=None, lab="playground", lab_args=ARGS,
                     lessons=[], problems=[])
    head, live, handler, screen = [], [], [], []
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await pilot.pause(0.5)
        stepper = app.screen.query_one(Stepper)
        for _ in range(windows):
            head.append(headless_steps_per_second(seconds))     # blocks the UI: nothing else runs
            await pilot.press("r")
            await pilot.pause(0.8)            # the first tick (2 a second) starts the background thread
            trainer = app.screen.lab.trainer  # the run's own counter, not the last snapshot shown
            first, start = trainer.step, time.perf_counter()
            await pilot.pause(seconds)
            live.append((trainer.step - first) / (time.perf_counter() - start))
            await pilot.press("r")
            await pilot.pause(0.2)
        # key latency while it keeps training
        await pilot.press("r")
        await pilot.pause(0.3)
        for k in range(presses):
            key = "plus" if stepper.speed_index < len(SPEEDS) - 1 and k % 2 == 0 else "minus"
            before = stepper.speed_index
            t0 = time.perf_counter()
            # as the terminal driver would send it (Pilot.press also waits for the CPU to go idle,
            # which it never does while training)
            app._driver.send_message(events.Key(key, "+" if key == "plus" else "-"))
            while stepper.speed_index == before and time.perf_counter() - t0 < 2:
                await asyncio.sleep(0.001)
            handler.append(time.perf_counter() - t0)
            wanted = f"{stepper.speed} steps/s"
            while wanted not in screen_text(app) and time.perf_counter() - t0 < 2:
                await asyncio.sleep(0.002)
            screen.append(time.perf_counter() - t0)
            await pilot.pause(0.2)
        await pilot.press("r")
    return head, live, handler, screen


# --- 3. bytes to the terminal ---------------------------------------------------
def terminal_bytes(seconds: float, exe: str) -> tuple[int, float, int]:
    """(bytes during the live run, the seconds measured, bytes of the start-up screen)."""
    home = tempfile.mkdtemp(prefix="dltutor-bench-")
    env = {"HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8", "COLORTERM": "truecolor",
           "PATH": os.environ.get("PATH", ""), "DLTUTOR_DATA_DIR": os.path.join(home, "data")}
    argv = [exe, "--lang", "en", "lab", "playground"]
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)

    def drain(duration: float) -> int:
        total, end = 0, time.perf_counter() + duration
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([fd], [], [], min(left, 0.1))
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                total += len(chunk)
        return total

    try:
        startup = drain(6.0)                 # start-up and the first screen
        os.write(fd, b"r")
        t0 = time.perf_counter()
        live = drain(seconds)
        elapsed = time.perf_counter() - t0
        os.write(fd, b"r")
        drain(0.3)
        os.write(fd, b"qq")
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            drain(0.1)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
        shutil.rmtree(home, ignore_errors=True)
    return live, elapsed, startup


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8, help="alternating throughput windows of each kind")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the byte count (default 10)")
    parser.add_argument("--train-seconds", type=float, default=1.0, help="length of each throughput window")
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--command", default=None, help="the dltutor executable (default: beside this Python)")
    args = parser.parse_args()

    head, live, handler, screen = asyncio.run(ui_run(args.rounds, args.train_seconds, args.presses))
    h_med, l_med = statistics.median(head), statistics.median(live)
    print(f"playground, {' '.join(ARGS)}, {COLS}x{ROWS}, {args.rounds} alternating windows of {args.train_seconds:g} s")
    print(f"training headless        {h_med:9.0f} steps/s   (runs: {', '.join(f'{v:.0f}' for v in head)})")
    print(f"training with the UI     {l_med:9.0f} steps/s   (runs: {', '.join(f'{v:.0f}' for v in live)})")
    pairs = statistics.median(b / a for a, b in zip(head, live) if a > 0)
    print(f"UI cost                  {100 * (1 - l_med / h_med):9.1f} %         (target <= 30 %; "
          f"median of window pairs {100 * (1 - pairs):.1f} %)")
    print(f"load average             {' '.join(f'{v:.2f}' for v in os.getloadavg())}   ({os.cpu_count()} CPUs)")
    print(f"key -> handler ran       p50 {1000 * pct(handler, 0.5):6.1f} ms   p95 {1000 * pct(handler, 0.95):6.1f} ms"
          f"   ({len(handler)} presses while training)")
    print(f"key -> screen shows it   p50 {1000 * pct(screen, 0.5):6.1f} ms   p95 {1000 * pct(screen, 0.95):6.1f} ms"
          "   (target p95 <= 150 ms)")

    exe = args.command or str(Path(sys.executable).with_name("dltutor"))
    if not Path(exe).exists():
        exe = shutil.which("dltutor") or ""
    if not exe:
        print("bytes to the terminal: dltutor is not installed (pip install .)")
        return 0
    total, elapsed, startup = terminal_bytes(args.seconds, exe)
    print(f"terminal output, default settings, running: {total} bytes in {elapsed:.1f} s = "
          f"{total / elapsed / 1024:.1f} KiB/s   (target <= 40 KiB/s; start-up screen {startup} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
