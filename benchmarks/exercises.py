"""How long checking exercises takes: one checking process with nothing to do, and all
fifteen reference solutions, in bubblewrap and in a plain child process.

    python benchmarks/exercises.py [--repeat N]

Prints medians; asserts nothing.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tutor.exercises.catalog import EXERCISES  # noqa: E402
from tutor.exercises.check import check_folder  # noqa: E402
from tutor.exercises.runner import Job, run_jobs  # noqa: E402
from tutor.exercises.sandbox import Mode, choose_mode  # noqa: E402

SOLUTIONS = ROOT / "tests" / "exercises" / "solutions"


def median_seconds(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    modes = [Mode("process")]
    sandbox = choose_mode(classroom=True)
    if sandbox.runs:
        modes.insert(0, sandbox)
    else:
        print(f"(no sandbox here: {sandbox.reason})")
    with tempfile.TemporaryDirectory() as empty:
        nothing = Path(empty) / "nothing.py"
        nothing.write_text("")
        for mode in modes:
            start = median_seconds(lambda: run_jobs([Job(nothing, [])], Path(empty), mode), repeat)
            one = median_seconds(lambda: check_folder([EXERCISES[3]], SOLUTIONS, mode), repeat)
            every = median_seconds(lambda: check_folder(list(EXERCISES), SOLUTIONS, mode), repeat)
            print(f"{mode.kind:8}  start (Python + NumPy): {start * 1000:6.0f} ms   "
                  f"check 04: {one * 1000:6.0f} ms   check all {len(EXERCISES)}: {every * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
