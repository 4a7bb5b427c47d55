"""The checking process: run a student's exercise functions and report what they return.

Started by dltutor as `python -I -B -X utf8 harness.py` (inside bubblewrap on a
classroom server).  Reads the jobs as JSON on stdin:

    {"jobs": [{"file": "/exercises/04_sigmoid.py", "cases": [probe, ...]}, ...]}

and writes one JSON line per event on stdout:

    {"ev": "ready"}                                  NumPy is loaded
    {"ev": "job", "job": j}                          loading job j's file
    {"ev": "load_error", "job": j, "error": {...}}
    {"ev": "start", "job": j, "case": i}             a probe begins (so a hang is pinned to it)
    {"ev": "result", "job": j, "case": i, "value": ..., "warnings": [...]}
    {"ev": "error", "job": j, "case": i, "error": {...}, "warnings": [...]}
    {"ev": "done", "job": j}

The student's own prints go to stderr.  dltutor and its engine cannot be
imported here: exercises are written with NumPy alone.
"""
from __future__ import annotations

import importlib.abc
import importlib.util
import json
import os
import sys
import traceback
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
BLOCKED = ("tutor", "engine")


class _Blocker(importlib.abc.MetaPathFinder):
    """`import engine` or `import tutor` fails: the engine is what checks the exercises."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} cannot be imported while exercises are checked: "
                              "write them with NumPy alone", name=name)
        return None


def _load_sibling(name: str):
    spec = importlib.util.spec_from_file_location(f"_dltutor_{name}", os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _error(exc: BaseException, student_file: str) -> dict:
    """The exception in the student's terms: type, message, and their own line."""
    info = {"type": type(exc).__name__, "message": str(exc)[:400], "line": None, "code": ""}
    if isinstance(exc, SyntaxError) and exc.filename and os.path.abspath(exc.filename) == student_file:
        info.update(line=exc.lineno, code=(exc.text or "").strip()[:200], message=str(exc.msg)[:400])
        return info
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if os.path.abspath(f.filename) == student_file]
    if frames:
        info.update(line=frames[-1].lineno, code=(frames[-1].line or "").strip()[:200])
    return info


def _warnings(caught, student_file: str) -> list[dict]:
    found = []
    for w in caught:
        if not issubclass(w.category, RuntimeWarning):
            continue
        mine = os.path.abspath(str(w.filename)) == student_file
        item = {"message": str(w.message)[:200], "line": w.lineno if mine else None, "code": ""}
        if mine:
            import linecache

            item["code"] = linecache.getline(student_file, w.lineno).strip()[:200]
        if item not in found:
            found.append(item)
    return found[:3]


def _decode_case(case: dict, wire, functions) -> dict:
    """Arrays and test functions back from JSON (args, kwargs, weights); the rest is plain."""
    case = dict(case)
    case["args"] = [wire.decode(a, functions=functions) for a in case.get("args", [])]
    case["kwargs"] = {k: wire.decode(v, functions=functions) for k, v in case.get("kwargs", {}).items()}
    if "weights" in case:
        case["weights"] = wire.decode(case["weights"])
    return case


def main() -> int:
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)                               # the student's prints go to stderr
    sys.stdout = sys.stderr

    def emit(**event) -> None:
        out.write(json.dumps(event, allow_nan=True) + "\n")
        out.flush()

    try:
        import numpy as np

        wire = _load_sibling("wire")
        probes = _load_sibling("probes")
        functions = _load_sibling("functions").FUNCTIONS
        request = json.loads(sys.stdin.read())
    except Exception as exc:                    # our side is broken, not the student's
        emit(ev="broken", message=f"{type(exc).__name__}: {exc}")
        return 3
    sys.meta_path.insert(0, _Blocker())
    emit(ev="ready")

    for j, job in enumerate(request["jobs"]):
        student_file = os.path.abspath(job["file"])
        folder = os.path.dirname(student_file)
        if folder not in sys.path:
            sys.path.append(folder)             # a student may import a helper of their own
        emit(ev="job", job=j)
        name = f"_exercise_{j}"
        try:
            spec = importlib.util.spec_from_file_location(name, student_file)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        except BaseException as exc:            # SystemExit and KeyboardInterrupt too
            emit(ev="load_error", job=j, error=_error(exc, student_file))
            sys.modules.pop(name, None)
            continue
        for i, case in enumerate(job["cases"]):
            case = _decode_case(case, wire, functions)
            emit(ev="start", job=j, case=i)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
                        value = probes.PROBES[case["probe"]](module, case)
                except probes.MissingFunction as exc:
                    emit(ev="error", job=j, case=i, warnings=[],
                         error={"type": "MissingFunction", "message": str(exc), "line": None, "code": ""})
                    continue
                except BaseException as exc:
                    emit(ev="error", job=j, case=i, error=_error(exc, student_file),
                         warnings=_warnings(caught, student_file))
                    continue
            try:
                encoded = wire.encode(value)
            except Exception as exc:            # an object that breaks even being looked at
                encoded = {"other": f"{type(value).__name__} ({type(exc).__name__})"}
            emit(ev="result", job=j, case=i, value=encoded, warnings=_warnings(caught, student_file))
        sys.modules.pop(name, None)
        emit(ev="done", job=j)
    out.flush()
    sys.stderr.flush()
    os._exit(0)                                 # never wait for threads a student left running


if __name__ == "__main__":
    sys.exit(main())
