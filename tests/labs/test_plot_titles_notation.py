"""Issue 18 item 10: plot titles write what the lessons write — f′ and f″, hₜ, x² — not the
ASCII f', h_t, x^2.  Every Plot(...) title given as t("...") in a lab's view is checked."""
from __future__ import annotations

import ast
import re
from pathlib import Path

LABS = Path(__file__).resolve().parents[2] / "tutor" / "labs"
ASCII = re.compile(r"[A-Za-z]'|\b[A-Za-z]_t\b|\^\d|\*\*")


def _titles():
    for path in sorted(LABS.glob("*/view.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")).endswith("Plot")):
                continue
            for arg in node.args[:1]:
                for inner in ast.walk(arg):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") == "t" and inner.args \
                            and isinstance(inner.args[0], ast.Constant):
                        yield path.parent.name, inner.args[0].value


def test_plot_titles_use_the_lessons_notation():
    titles = list(_titles())
    assert len(titles) > 10
    assert not [(lab, title) for lab, title in titles if ASCII.search(title)]
