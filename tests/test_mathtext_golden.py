"""Every distinct formula in the seed documents, rendered block and inline, compared
exactly with tests/golden/mathtext_seeds.txt (reviewed by eye).

Rewrite the golden file after an intended change:
    UPDATE_GOLDEN=1 python -m pytest tests/test_mathtext_golden.py
"""
from __future__ import annotations

import difflib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from tutor.mathtext import problems, render_block, render_inline

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "mathtext_seeds.txt"
SEEDS = ROOT.parent / "shared" / "seeds"
WIDTH = 76  # a formula wider than this wraps (an 80-column terminal with margins)
NARROW = 40  # formulas wider than this are shown wrapped to it as well

HEAD = "════ "
BLOCK = "──── block"
WRAPPED = f"──── block at width {NARROW}"
INLINE = "──── inline"
PROBLEMS = "──── problems"
INTRO = """\
# Golden renderings of every distinct formula in the seed documents.
# Each entry: the LaTeX source, its display (block) rendering at width 76,
# the same wrapped to width 40 when it is wider than that, its one-line
# (inline) rendering, and any problems `dltutor check` reports.
# Regenerate with UPDATE_GOLDEN=1 after an intended change, and read the diff.
"""


def as_text(renderable) -> str:
    console = Console(width=200, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text(styles=False).splitlines())


def entry(number: int, kind: str, latex: str) -> str:
    wide = as_text(render_block(latex, WIDTH))
    parts = [f"{HEAD}{number:03d} ({kind}) " + "═" * 40, latex, BLOCK, wide]
    if max(cell_len(line) for line in wide.split("\n")) > NARROW:
        parts += [WRAPPED, as_text(render_block(latex, NARROW))]
    parts += [INLINE, render_inline(latex)]
    found = problems(latex)
    if found:
        parts += [PROBLEMS] + found
    return "\n".join(parts) + "\n"


def read_golden() -> list[tuple[str, str]]:
    """(kind, latex) of each entry in the golden file."""
    out, kind, latex = [], None, None
    for line in GOLDEN.read_text(encoding="utf-8").split("\n"):
        if line.startswith(HEAD):
            kind, latex = line.split("(", 1)[1].split(")", 1)[0], []
        elif latex is not None and line == BLOCK:
            out.append((kind, "\n".join(latex)))
            latex = None
        elif latex is not None:
            latex.append(line)
    return out


def build(formulas: list[tuple[str, str]]) -> str:
    return INTRO + "\n".join(entry(k, kind, latex) for k, (kind, latex) in enumerate(formulas, 1))


def seed_formulas() -> list[tuple[str, str]]:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "collect_formulas.py"), str(SEEDS)],
                            capture_output=True, text=True, check=True)
    pairs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return [(p["kind"], p["latex"]) for p in pairs]


def test_golden_file_matches_renderings():
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(build(seed_formulas()), encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    actual = build(read_golden())
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            "golden", "rendered", n=2))
        pytest.fail("renderings differ from the golden file "
                    "(UPDATE_GOLDEN=1 to accept):\n" + diff[:6000])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the checkout")
def test_golden_file_covers_every_seed_formula():
    assert read_golden() == seed_formulas()


def test_golden_file_has_the_seed_count():
    entries = read_golden()
    assert len(entries) >= 200
    assert len({latex for _, latex in entries}) >= 200
