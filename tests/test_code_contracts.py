"""The code's own contracts, enforced by the test command (README): ruff is clean, the
import-linter contracts in pyproject.toml hold, and no import cycles exist in tutor/ or engine/."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent     # ruff and lint-imports come with the test extra


def tool(name: str, *args: str) -> subprocess.CompletedProcess:
    exe = BIN / name
    if not exe.exists():
        pytest.fail(f"{name} is not installed next to {sys.executable}: pip install -e '.[test]'")
    return subprocess.run([str(exe), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_is_clean():
    done = tool("ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_contracts_hold():
    done = tool("lint-imports", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


# --- import cycles ------------------------------------------------------------------------------

def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """module -> the modules of `packages` it imports, read from the source (imports inside
    functions count: a lazy import that closes a circle is still a circle in the design).
    Importing a package one is inside of is not an edge (its own face, not a cycle)."""
    files = {}
    for pkg in packages:
        for f in (root / pkg).rglob("*.py"):
            parts = list(f.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            files[".".join(parts)] = f
    edges: dict[str, set[str]] = {m: set() for m in files}
    for mod, f in files.items():
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
                base = mod.split(".")
                if node.level:
                    keep = len(base) - node.level + (1 if f.name == "__init__.py" else 0)
                    prefix = ".".join(base[:keep] + ([node.module] if node.module else []))
                else:
                    prefix = node.module or ""
                targets = [prefix] + [f"{prefix}.{a.name}" for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != mod and not mod.startswith(target + "."):
                    edges[mod].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found = []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on.add(start)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    component.append(w)
                    if w == v:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_in_tutor_or_engine():
    assert cycles(import_graph(ROOT, ("tutor", "engine"))) == []


def test_the_cycle_check_finds_a_lazy_cycle(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("from pkg.b import x\n")
    (tmp_path / "pkg" / "b.py").write_text("def f():\n    from pkg import a\n")     # lazy, still a circle
    (tmp_path / "pkg" / "c.py").write_text("from . import a\n")
    assert cycles(import_graph(tmp_path, ("pkg",))) == [["pkg.a", "pkg.b"]]


# --- the labs contract covers every module of tutor/labs ------------------------------------------

def test_every_lab_module_is_a_view_or_kept_free_of_textual():
    """A new module in tutor/labs must be named in the "only the views import Textual"
    contract's source_modules (or be a view); otherwise the contract would not look at it."""
    try:
        import tomllib
    except ImportError:   # Python 3.10
        tomllib = pytest.importorskip("tomli")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if c["type"] == "forbidden" and "tutor.labs" in c["source_modules"])
    views = re.compile(r"^tutor\.labs\.(\w+\.view|kit\.views|kit\.toggles)$")
    patterns = [re.compile("^" + re.escape(p).replace(r"\*", r"\w+") + "$") for p in contract["source_modules"]]
    modules = import_graph(ROOT, ("tutor/labs",))
    names = [m.replace("/", ".") for m in modules]
    left_out = [m for m in names if not views.match(m) and not any(p.match(m) for p in patterns)]
    assert left_out == [], "add these to the contract's source_modules in pyproject.toml"
    assert len(names) > 50
