"""What code run in the sandbox can and cannot do.

Each test runs a student's file whose top level tries something forbidden and
prints what happened; the same file in a plain child process shows the test
could see it succeed (so a sandbox that let it through would fail the test).
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import textwrap
import threading
import time
from pathlib import Path

import pytest
from exercise_helpers import SOLUTIONS

from tutor.exercises.catalog import find
from tutor.exercises.check import check_files
from tutor.exercises.sandbox import bwrap_argv, choose_mode, python_locations
from tutor.progress import Store

SIGMOID = find("sigmoid")


def classroom(tmp_path: Path) -> tuple[Path, Path]:
    """A classroom's data directory (progress, host key) and alice's exercise folder inside it."""
    data = tmp_path / "class"
    with Store(data / "progress.db") as store:
        store.page_seen("bob", "derivatives", 0)
    (data / "ssh_host_ed25519_key").write_text("-----BEGIN OPENSSH PRIVATE KEY----- secret\n")
    folder = data / "exercises" / "alice"
    folder.mkdir(parents=True)
    return data, folder


def run_attempts(folder: Path, code: str, mode, time_limit: float | None = None) -> dict:
    """Run `code` at the top of a correct 04_sigmoid.py; it prints one JSON line of results."""
    body = "import json, os, sys\nresults = {}\n" + textwrap.dedent(code) + \
           "\nprint('RESULTS ' + json.dumps(results), flush=True)\n"
    (folder / SIGMOID.filename).write_text(body + (SOLUTIONS / SIGMOID.filename).read_text())
    (verdict,) = check_files([(SIGMOID, folder / SIGMOID.filename)], mode, time_limit=time_limit)
    for line in verdict.prints.splitlines():
        if line.startswith("RESULTS "):
            return json.loads(line[len("RESULTS "):])
    raise AssertionError(f"no results: {verdict.status} {verdict.lines} {verdict.prints}")


TRY_READ = """
def attempt(name, path):
    try:
        with open(path, "rb") as f:
            results[name] = f.read(20).decode("latin-1")
    except OSError as exc:
        results[name] = "denied: " + type(exc).__name__
"""


def test_sandboxed_code_cannot_read_progress_or_the_host_key(tmp_path, sandbox, process):
    data, folder = classroom(tmp_path)
    code = TRY_READ + f"""
attempt("db", {str(data / "progress.db")!r})
attempt("db_relative", "../../progress.db")
attempt("key", {str(data / "ssh_host_ed25519_key")!r})
attempt("system_key", "/etc/ssh/ssh_host_ed25519_key")
attempt("passwd", "/etc/passwd")
results["root"] = sorted(os.listdir("/"))
results["home"] = os.listdir(os.path.expanduser("~"))
"""
    inside = run_attempts(folder, code, sandbox)
    for name in ("db", "db_relative", "key", "system_key", "passwd"):
        assert inside[name].startswith("denied"), (name, inside[name])
    assert inside["home"] == []
    # the root holds the system, Python, the harness and the folder — no /etc, no data
    allowed = {"bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "dev", "proc", "tmp", "home", "opt",
               "exercises"} | {p.parts[1] for p in python_locations()}
    assert set(inside["root"]) <= allowed and "etc" not in inside["root"]
    outside = run_attempts(folder, code, process)       # the same code, no sandbox: it can
    assert outside["db"].startswith("SQLite format 3") and "secret" not in outside["key"][:5]
    assert outside["key"].startswith("-----BEGIN")


def test_sandboxed_code_cannot_write_outside_its_folder(tmp_path, sandbox):
    data, folder = classroom(tmp_path)
    code = f"""
for name, path in [("folder", "mine.txt"), ("data", {str(data / "evil.txt")!r}),
                   ("db", {str(data / "progress.db")!r}), ("usr", "/usr/evil.txt"),
                   ("python", os.path.join(sys.prefix, "evil.txt")),
                   ("tmp", "/tmp/evil.txt"), ("home", os.path.expanduser("~/evil.txt"))]:
    try:
        with open(path, "a") as f:
            f.write("x")
        results[name] = "written"
    except OSError as exc:
        results[name] = "denied: " + type(exc).__name__
"""
    before = (data / "progress.db").read_bytes()
    inside = run_attempts(folder, code, sandbox)
    assert inside["folder"] == "written" and (folder / "mine.txt").read_text() == "x"
    for name in ("data", "db", "usr", "python"):
        assert inside[name].startswith("denied"), (name, inside[name])
    # /tmp and the home folder are the sandbox's own empty tmpfs: gone afterwards
    assert not (data / "evil.txt").exists() and not Path("/usr/evil.txt").exists()
    assert not Path(sys.prefix, "evil.txt").exists() and not Path("/tmp/evil.txt").exists()
    assert (data / "progress.db").read_bytes() == before


def _host_address() -> str | None:
    """This machine's address on a real network, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))          # no packet is sent for UDP connect
            address = s.getsockname()[0]
        return None if address.startswith("127.") else address
    except OSError:
        return None


def test_sandboxed_code_cannot_reach_the_network(tmp_path, sandbox, process):
    _, folder = classroom(tmp_path)
    server = socket.socket()
    server.bind(("0.0.0.0", 0))
    server.listen(8)
    port = server.getsockname()[1]
    accepted = []

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                accepted.append(conn)
            except OSError:
                pass

    stop = threading.Event()
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    targets = [("loopback", "127.0.0.1")] + ([("host", _host_address())] if _host_address() else [])
    code = f"""
import socket
for name, host in {targets!r}:
    try:
        socket.create_connection((host, {port}), timeout=2).close()
        results[name] = "connected"
    except OSError as exc:
        results[name] = "denied: " + type(exc).__name__
try:
    socket.getaddrinfo("deb.debian.org", 80)
    results["dns"] = "resolved"
except OSError as exc:
    results["dns"] = "denied: " + type(exc).__name__
"""
    try:
        inside = run_attempts(folder, code, sandbox)
        assert not accepted
        for name, _ in targets:
            assert inside[name].startswith("denied"), (name, inside[name])
        assert inside["dns"].startswith("denied")
        outside = run_attempts(folder, code, process)
        assert outside["loopback"] == "connected"
    finally:
        stop.set()
        thread.join()
        server.close()
        for conn in accepted:
            conn.close()


def test_sandboxed_code_cannot_outlive_its_time_limit(tmp_path, sandbox):
    _, folder = classroom(tmp_path)
    beat = folder / "heartbeat"
    code = """
if os.fork() == 0:                      # a child that leaves the session and keeps writing
    os.setsid()
    if os.fork() == 0:
        while True:
            with open("heartbeat", "a") as f:
                f.write(".")
            import time; time.sleep(0.05)
    os._exit(0)
while True:                             # and the file itself never finishes loading
    pass
"""
    (folder / SIGMOID.filename).write_text("import os\n" + textwrap.dedent(code))
    started = time.monotonic()
    (verdict,) = check_files([(SIGMOID, folder / SIGMOID.filename)], sandbox, time_limit=1.0)
    assert time.monotonic() - started < 30            # a liveness bound, not a timing claim
    assert "did not finish loading within 1 s" in verdict.lines[0]
    time.sleep(0.5)
    size = beat.stat().st_size if beat.exists() else 0
    time.sleep(1.0)
    assert (beat.stat().st_size if beat.exists() else 0) == size     # nothing is writing any more


def test_a_classroom_without_bubblewrap_switches_exercises_off():
    mode = choose_mode(classroom=True, bwrap="")
    assert mode.kind == "off" and "bubblewrap" in mode.reason and "not installed" in mode.reason
    broken = choose_mode(classroom=True, bwrap=shutil.which("false") or "/bin/false")
    assert broken.kind == "off" and "cannot start" in broken.reason
    (verdict,) = check_files([(SIGMOID, Path("/nonexistent/04_sigmoid.py"))], mode)
    assert verdict.status == "error" and verdict.lines == [mode.reason]
    # on a student's own computer the plain child process is the fallback
    assert choose_mode(classroom=False, bwrap="").kind == "process"


def test_progress_data_inside_a_bound_folder_is_covered(tmp_path):
    secret = Path(sys.prefix) / "lib"                   # a folder the sandbox binds read-only
    argv = bwrap_argv("bwrap", tmp_path, hide=[secret])
    binds = [i for i, a in enumerate(argv) if a == "--ro-bind" and argv[i + 1] == str(Path(sys.prefix).resolve())]
    assert binds, argv
    cover = argv.index(str(secret.resolve()))
    assert argv[cover - 1] == "--tmpfs" and cover > binds[0]


def test_the_classroom_signal_comes_from_the_environment():
    from tutor.exercises.sandbox import in_classroom

    assert in_classroom({"DLTUTOR_CLASSROOM": "1"}) and in_classroom({"DLTUTOR_CLASSROOM": "yes"})
    assert not in_classroom({}) and not in_classroom({"DLTUTOR_CLASSROOM": "0"})
    assert not in_classroom({"DLTUTOR_CLASSROOM": " "})
    assert os.environ.get("DLTUTOR_CLASSROOM") in (None, "", "0")   # tests run as a laptop would


def test_a_python_installed_under_tmp_runs_in_the_sandbox(tmp_path):
    """CI's virtual environment lives under /tmp (mktemp); the sandbox's empty /tmp once hid it
    ("execvp .../venv/bin/python: No such file or directory") and every sandbox test skipped."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        pytest.skip("bubblewrap is not installed")
    venv = tmp_path / "venv"
    assert str(venv).startswith("/tmp/"), venv
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # this venv finds numpy and tutor through a .pth file, as an editable install does
    roots = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], os.getcwd()}
    (Path(site) / "here.pth").write_text("\n".join(sorted(roots)) + "\n")
    done = subprocess.run([str(python), "-c", "from tutor.exercises.sandbox import bwrap_problem; "
                           f"print(bwrap_problem({bwrap!r}))"], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "None", done.stdout + done.stderr
