"""Run exercise files in a separate process, never in dltutor's own.

One child process (child/harness.py, started with `python -I`) works through
a list of jobs — one file and its probes each — and reports every result as
a JSON line.  dltutor reads those lines as they come, so it knows which call
was running when a job overstays its time limit; it then kills the child and
starts a fresh one for the remaining jobs.  Limits on the child:

    time      per job (the call that hangs is named); CPU seconds as a backstop
    memory    RLIMIT_AS (address space), so a huge allocation is a MemoryError
    files     RLIMIT_FSIZE: no file larger than 16 MiB; no core dumps
    output    the student's prints: the first 16 KiB are kept, the rest dropped;
              results: at most 64 MiB, else the child is stopped
"""
from __future__ import annotations

import json
import os
import resource
import selectors
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tutor.exercises.child import wire
from tutor.exercises.sandbox import HARNESS_DIR, INSIDE_FOLDER, INSIDE_HARNESS, INSIDE_HOME, Mode, bwrap_argv

MEMORY_MB = 512
FILE_LIMIT = 16 << 20
STDERR_KEEP = 16 << 10
STDOUT_LIMIT = 64 << 20
STARTUP_LIMIT = 60.0       # Python and NumPy starting on a busy server


@dataclass
class Job:
    file: Path               # the student's file (inside `folder`)
    probes: list[dict]       # wire-encoded probes (see child/probes.py)
    time_limit: float = 5.0


@dataclass
class Result:
    value: Any = None
    error: dict | None = None
    warnings: list = field(default_factory=list)


@dataclass
class Outcome:
    """What happened to one job."""
    results: dict[int, Result] = field(default_factory=dict)
    load_error: dict | None = None
    stopped: str | None = None      # "timeout", "crashed", "output", "broken" (our side)
    stopped_at: int | None = None   # the probe that was running (None: while loading the file)
    detail: str = ""
    finished: bool = False
    prints: str = ""                # what the student's code printed (the start of it)


def run_jobs(jobs: list[Job], folder: Path, mode: Mode, memory_mb: int = MEMORY_MB) -> list[Outcome]:
    """Every job's outcome, in order; files must lie directly in `folder`."""
    outcomes = [Outcome() for _ in jobs]
    start = 0
    while start < len(jobs):
        done = _run_child(jobs[start:], outcomes[start:], Path(folder), mode, memory_mb)
        if done == 0:              # nothing got going at all (our side is broken): give up
            for outcome in outcomes[start:]:
                if outcome.stopped is None:
                    outcome.stopped = "broken"
            break
        start += done
    return outcomes


def _argv(jobs: list[Job], folder: Path, mode: Mode) -> tuple[list[str], dict, str]:
    python = ["-I", "-B", "-X", "utf8"]
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1"}
    if mode.kind == "sandbox":
        argv = bwrap_argv(mode.bwrap, folder, mode.hide) + [sys.executable, *python,
                                                             f"{INSIDE_HARNESS}/harness.py"]
        env["HOME"] = INSIDE_HOME
        inside = INSIDE_FOLDER
    else:
        argv = [sys.executable, *python, str(HARNESS_DIR / "harness.py")]
        env["HOME"] = str(folder)
        inside = str(folder)
    request = {"jobs": [{"file": f"{inside}/{job.file.name}", "cases": job.probes} for job in jobs]}
    return argv, env, json.dumps(request, allow_nan=True)


def _limits(memory_mb: int, cpu_seconds: int):
    def apply() -> None:                # runs in the child between fork and exec
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)     # bwrap's --die-with-parent takes the sandbox down
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        pass


def _run_child(jobs: list[Job], outcomes: list[Outcome], folder: Path, mode: Mode, memory_mb: int) -> int:
    """Run jobs until they are done or one stops the child; return how many jobs are settled."""
    argv, env, request = _argv(jobs, folder, mode)
    cpu = int(STARTUP_LIMIT + sum(job.time_limit for job in jobs)) + 5
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=str(folder), env=env, start_new_session=True,
                                preexec_fn=_limits(memory_mb, cpu))
    except OSError as exc:
        outcomes[0].stopped, outcomes[0].detail = "broken", str(exc)
        return 0
    threading.Thread(target=_feed, args=(proc.stdin, request), daemon=True).start()

    reader = _Reader(proc)
    current, deadline, probe = None, time.monotonic() + STARTUP_LIMIT, None
    settled = 0
    stop: str | None = None
    try:
        while True:
            events, closed = reader.read(max(0.01, deadline - time.monotonic()))
            for event in events:
                kind, j = event.get("ev"), event.get("job")
                if kind == "broken":
                    outcomes[0].detail = str(event.get("message", ""))
                    stop = "broken"
                    break
                if not isinstance(j, int) or not 0 <= j < len(jobs):
                    continue
                outcome = outcomes[j]
                if kind == "job":
                    current, probe = j, None
                    deadline = time.monotonic() + jobs[j].time_limit
                elif kind == "load_error":
                    outcome.load_error, outcome.finished = _dict(event.get("error")), True
                    settled = j + 1
                elif kind == "start":
                    probe = event.get("case")
                elif kind in ("result", "error"):
                    i = event.get("case")
                    if isinstance(i, int):
                        value = wire.decode(event.get("value")) if kind == "result" else None
                        outcome.results[i] = Result(value, _dict(event.get("error")) if kind == "error" else None,
                                                    _warnings(event.get("warnings")))
                elif kind == "done":
                    outcome.finished = True
                    settled = j + 1
            if stop:
                break
            if settled == len(jobs):
                break
            if reader.too_much:
                stop = "output"
                break
            if closed:
                stop = "crashed"
                break
            if time.monotonic() >= deadline:
                stop = "timeout"
                break
    finally:
        _kill(proc)
        reader.finish()
    prints = reader.stderr()
    if stop and current is None:
        stop = "broken"            # no job ever began: the sandbox or Python failed, not the student
    if stop == "crashed" and proc.returncode == -signal.SIGXCPU:
        stop = "timeout"           # the CPU-seconds backstop
    where = current if current is not None else 0
    if stop and where < len(jobs) and not outcomes[where].finished:
        outcome = outcomes[where]
        outcome.stopped, outcome.stopped_at = stop, probe
        if stop == "crashed":
            outcome.detail = _exit_reason(proc.returncode)
        if stop == "broken" and not outcome.detail:
            outcome.detail = prints.strip().splitlines()[-1] if prints.strip() else ""
        settled = where + 1 if stop != "broken" else settled
    for outcome in outcomes[:max(settled, 1)]:
        outcome.prints = prints
    return settled


def _feed(pipe, text: str) -> None:
    try:
        pipe.write(text.encode("utf-8"))
        pipe.close()
    except (BrokenPipeError, OSError, ValueError):
        pass


def _dict(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    return {k: value.get(k) for k in ("type", "message", "line", "code")}


def _warnings(value) -> list:
    if not isinstance(value, list):
        return []
    return [{k: w.get(k) for k in ("message", "line", "code")} for w in value[:3] if isinstance(w, dict)]


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


class _Reader:
    """Read the child's stdout (events) and stderr (prints) without ever blocking on one of them."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.selector = selectors.DefaultSelector()
        for pipe in (proc.stdout, proc.stderr):
            os.set_blocking(pipe.fileno(), False)
            self.selector.register(pipe, selectors.EVENT_READ)
        self.proc = proc
        self.pending = b""
        self.total = 0
        self.too_much = False
        self.kept: list[bytes] = []
        self.kept_size = 0
        self.open = 2

    def read(self, timeout: float) -> tuple[list[dict], bool]:
        """Events that arrived within `timeout` seconds, and whether stdout has closed."""
        events: list[dict] = []
        closed = False
        for key, _ in self.selector.select(timeout):
            pipe = key.fileobj
            try:
                chunk = os.read(pipe.fileno(), 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                self.selector.unregister(pipe)
                self.open -= 1
                if pipe is self.proc.stdout:
                    closed = True
                continue
            if pipe is self.proc.stderr:
                if self.kept_size < STDERR_KEEP:
                    self.kept.append(chunk[:STDERR_KEEP - self.kept_size])
                    self.kept_size += len(self.kept[-1])
                continue
            self.total += len(chunk)
            if self.total > STDOUT_LIMIT:
                self.too_much = True
                continue
            self.pending += chunk
            *lines, self.pending = self.pending.split(b"\n")
            for line in lines:
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if isinstance(event, dict):
                    events.append(event)
        return events, closed

    def finish(self) -> None:
        """Take what is left of stderr after the child is gone."""
        deadline = time.monotonic() + 1.0
        while self.open and time.monotonic() < deadline:
            if not self.selector.get_map():
                break
            self.read(0.05)
        self.selector.close()

    def stderr(self) -> str:
        return b"".join(self.kept).decode("utf-8", "replace")
