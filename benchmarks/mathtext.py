"""Benchmark: laying out every golden formula (tests/golden/mathtext_seeds.txt).

    /work/venv/bin/python benchmarks/mathtext.py [--rounds 5]

Prints, per formula, the cold time (caches cleared: parse + block at width 76
+ inline) and the warm time (served from the lru caches), the cache hit
counts, and the import time of tutor.mathtext. Target: < 2 ms per formula
cold. It never asserts a timing.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_mathtext_golden import WIDTH, read_golden  # noqa: E402

import tutor.mathtext as mt  # noqa: E402


def clear() -> None:
    for cached in (mt._parse, mt._block, mt._inline):
        cached.cache_clear()


def one_pass(formulas: list[str]) -> list[float]:
    times = []
    for latex in formulas:
        start = time.perf_counter()
        mt.render_block(latex, WIDTH)
        mt.render_inline(latex)
        times.append(time.perf_counter() - start)
    return times


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import tutor.mathtext; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 cwd=ROOT, check=True).stdout) for _ in range(3)]
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    formulas = [latex for _, latex in read_golden()]
    mt.render_block("x", WIDTH)  # first-use costs (pylatexenc tables) are not per formula

    cold: list[float] = []
    rounds = []
    for _ in range(args.rounds):
        clear()
        rounds.append(one_pass(formulas))
        cold += rounds[-1]
    best = [min(r[k] for r in rounds) * 1000 for k in range(len(formulas))]
    clear()
    one_pass(formulas)
    warm = one_pass(formulas)
    hits = {name: getattr(mt, name).cache_info() for name in ("_parse", "_block", "_inline")}

    ms = sorted(t * 1000 for t in cold)
    print(f"{len(formulas)} formulas, {args.rounds} cold rounds (block at width {WIDTH} + inline)")
    print(f"cold  per formula: mean {statistics.mean(ms):.3f} ms, median {statistics.median(ms):.3f} ms, "
          f"p95 {ms[int(0.95 * (len(ms) - 1))]:.3f} ms, max {ms[-1]:.3f} ms")
    print(f"cold  per formula, best of {args.rounds} rounds (less noise from a shared machine): "
          f"mean {statistics.mean(best):.3f} ms, max {max(best):.3f} ms")
    wms = [t * 1000 for t in warm]
    print(f"warm  per formula: mean {statistics.mean(wms):.4f} ms (cache hits)")
    for name, info in hits.items():
        print(f"cache {name:8s} hits {info.hits}, misses {info.misses}, size {info.currsize}")
    print(f"import tutor.mathtext: {import_time() * 1000:.0f} ms (fresh interpreter, best of 3)")


if __name__ == "__main__":
    main()
