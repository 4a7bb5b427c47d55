"""What following the code of each step (`c` in a lab) costs: CPU time of a lab's first
steps pulled plainly and through tutor.widgets.steptrace.StepTrace.

    python benchmarks/code_trace.py [LAB ...]      (default: sgd fit digits playground conv)

Prints; asserts nothing.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tutor.labs import get_lab  # noqa: E402
from tutor.widgets.steptrace import StepTrace  # noqa: E402

STEPS = 300


def cpu(name: str, followed: bool) -> tuple[int, float]:
    run = iter(get_lab(name).from_tokens([], "en").run())
    trace = StepTrace(enabled=followed)
    start, n = time.process_time(), 0
    while n < STEPS and trace.record(lambda: next(run, None)) is not None:
        n += 1
    return n, time.process_time() - start


if __name__ == "__main__":
    for name in sys.argv[1:] or ["sgd", "fit", "digits", "playground", "conv"]:
        n, plain = cpu(name, False)
        _, followed = cpu(name, True)
        print(f"{name:12} {n:4} steps   plain {plain:.3f} s CPU   followed {followed:.3f} s CPU")
