"""Where a student's code runs: a bubblewrap sandbox, a plain child process, or nowhere.

On a classroom server (`dltutor serve ssh|web` put DLTUTOR_CLASSROOM=1 into
each student's environment; an OpenSSH route sets it with `SetEnv`) code runs
only inside bubblewrap:

    bwrap --unshare-all --die-with-parent --new-session --cap-drop ALL
          read-only: /usr (and /bin /lib … as on the host), Python and its packages
          an empty tmpfs as /tmp and as the home folder, a private /proc and /dev
          read-write: the student's exercise folder, and nothing else
          no network: a network namespace of its own, with nothing in it

When bwrap is missing (or cannot start) there, exercises are switched off with
a message that says why.  On a student's own computer bwrap is used when it
works, and otherwise a plain child process with the same limits.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tutor.locale import t

CLASSROOM_ENV = "DLTUTOR_CLASSROOM"
HARNESS_DIR = Path(__file__).parent / "child"
INSIDE_FOLDER = "/exercises"            # where the student's folder appears in the sandbox
INSIDE_HARNESS = "/opt/dltutor-harness"
INSIDE_HOME = "/home/student"


def in_classroom(environ=None) -> bool:
    """True on a classroom server: DLTUTOR_CLASSROOM is set to anything but "" or "0"."""
    value = (os.environ if environ is None else environ).get(CLASSROOM_ENV, "")
    return value.strip() not in ("", "0")


@dataclass(frozen=True)
class Mode:
    kind: str                 # "sandbox" (bwrap), "process" (plain child) or "off"
    reason: str = ""          # why exercises are off (in the student's language)
    bwrap: str | None = None  # the bwrap program
    hide: tuple[Path, ...] = field(default_factory=tuple)   # paths never to show inside (progress data)

    @property
    def runs(self) -> bool:
        return self.kind != "off"


def choose_mode(classroom: bool | None = None, bwrap: str | None = None, hide=()) -> Mode:
    """The safest way to run code here: bwrap if it works; in a classroom nothing else."""
    classroom = in_classroom() if classroom is None else classroom
    program = bwrap if bwrap is not None else shutil.which("bwrap")
    hide = tuple(Path(p) for p in hide)
    if program:
        problem = bwrap_problem(program)
        if problem is None:
            return Mode("sandbox", bwrap=program, hide=hide)
        if classroom:
            return Mode("off", t("Exercises are switched off on this classroom server: the sandbox that keeps "
                                 "your code away from everyone else's (bubblewrap) cannot start here: {error}",
                                 error=problem))
    elif classroom:
        return Mode("off", t("Exercises are switched off on this classroom server: your code may only run in "
                             "a sandbox (bubblewrap, the `bwrap` program), and it is not installed. Ask your "
                             "teacher to install the Debian package bubblewrap."))
    return Mode("process", hide=hide)


def python_locations() -> list[Path]:
    """The folders Python and NumPy are read from (bound read-only into the sandbox)."""
    import numpy

    candidates = [sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix,
                  Path(os.path.realpath(sys.executable)).parent.parent,
                  Path(numpy.__file__).resolve().parent.parent]
    found: list[Path] = []
    for c in candidates:
        path = Path(os.path.realpath(c))
        if len(path.parts) < 3 or not path.is_dir():      # never "/" or "/usr"-like roots as a whole
            continue
        if _under(path, Path("/usr")) or any(_under(path, p) for p in found):
            continue
        found = [p for p in found if not _under(p, path)] + [path]
    return found


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def bwrap_argv(program: str, folder: Path, hide=()) -> list[str]:
    """The bwrap command line up to (not including) the program to run inside."""
    argv = [program, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--hostname", "dltutor-sandbox", "--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            argv += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            argv += ["--ro-bind", top, top]
    # The empty /tmp and home first: bwrap mounts in order, and a Python installed under /tmp
    # (a virtual environment made by mktemp, as in CI) must be bound on top of them, not hidden.
    argv += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", INSIDE_HOME]
    locations = python_locations()
    for path in locations:
        argv += ["--ro-bind", str(path), str(path)]
    # Progress data that happens to lie inside a bound folder is covered by an empty one.
    for secret in hide:
        secret = Path(os.path.realpath(secret))
        if secret.is_dir() and any(_under(secret, p) for p in [Path("/usr"), *locations]):
            argv += ["--tmpfs", str(secret)]
    argv += ["--ro-bind", str(HARNESS_DIR), INSIDE_HARNESS,
             "--bind", str(folder), INSIDE_FOLDER, "--chdir", INSIDE_FOLDER]
    return argv


@lru_cache(maxsize=8)
def bwrap_problem(program: str) -> str | None:
    """None if bwrap can start Python here, else what went wrong (its own words)."""
    scratch = Path(os.environ.get("TMPDIR", "/tmp"))
    try:
        argv = bwrap_argv(program, scratch) + [sys.executable, "-I", "-S", "-c", "pass"]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if done.returncode != 0:
        return (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1][:200]
    return None
