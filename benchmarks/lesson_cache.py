"""Is the parsed-lesson cache worth keeping?  Time to the home screen with and without it.

Each run starts `dltutor --lang LANG` in a pseudo-terminal (100×30) and times
the first complete home screen (see benchmarks/startup.py).  "without" runs
get a fresh, empty data folder and cache folder each time (every lesson is
parsed); "with" runs reuse folders a first start has filled.  The two kinds
alternate so both see the same machine load.

    python benchmarks/lesson_cache.py [--runs 7] [--lang en zh]

Prints both medians side by side.  Never asserts.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import launch  # noqa: E402  (the same pty timing as the start-up benchmark)


def environment(home: str) -> dict[str, str]:
    return {"HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8", "COLORTERM": "truecolor",
            "PATH": os.environ.get("PATH", ""), "DLTUTOR_DATA_DIR": os.path.join(home, "data"),
            "XDG_CACHE_HOME": os.path.join(home, "cache")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lang", nargs="+", default=["en", "zh"])
    parser.add_argument("--command", default=None, help="the dltutor executable (default: beside this Python)")
    args = parser.parse_args()
    exe = args.command or str(Path(sys.executable).with_name("dltutor"))
    if not Path(exe).exists():
        exe = shutil.which("dltutor") or ""
    if not exe:
        print("dltutor is not installed (pip install .)", file=sys.stderr)
        return 2
    marker = {"en": b"Lessons", "zh": "课程".encode()}
    print(f"runs: {args.runs} of each, alternated, time to the home screen")
    print(f"{'lang':<6}{'without cache':>16}{'with cache':>14}{'saved':>10}")
    for lang in args.lang:
        warm = tempfile.mkdtemp(prefix="dltutor-cache-bench-")
        argv = [exe, "--lang", lang]
        launch(argv, marker[lang], environment(warm), b"q")     # fills the cache (and the file cache)
        without, with_cache = [], []
        for _ in range(args.runs):
            cold = tempfile.mkdtemp(prefix="dltutor-cache-bench-")
            without.append(launch(argv, marker[lang], environment(cold), b"q")[0])
            shutil.rmtree(cold, ignore_errors=True)
            with_cache.append(launch(argv, marker[lang], environment(warm), b"q")[0])
        shutil.rmtree(warm, ignore_errors=True)
        a, b = statistics.median(without), statistics.median(with_cache)
        print(f"{lang:<6}{a * 1000:13.0f} ms{b * 1000:11.0f} ms{(a - b) * 1000:7.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
