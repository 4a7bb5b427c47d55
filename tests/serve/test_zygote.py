"""`dltutor serve ssh` forks each student's app from a zygote (tutor/serve/zygote.py, forkserver.py).

Real server, real asyncssh clients, real forks: each app is the zygote's child on its own PTY and
session, with only the environment the server gives it; one app's crash touches nobody else; a
dead zygote is replaced, and one that cannot start at all means a fresh Python per student.
"""
from __future__ import annotations

import asyncio
import json
import os
import pty
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

asyncssh = pytest.importorskip("asyncssh", reason="the serve extra is not installed")

from test_ssh_hardening import Student, app_pids, children, is_zygote, kill_apps  # noqa: E402
from test_ssh_server import Server, free_port, wait_for  # noqa: E402


def zygote_of(server: Server) -> int | None:
    return next((pid for pid in children(server.proc.pid) if is_zygote(pid)), None)


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def environ(pid: int) -> dict[str, str]:
    """The environment a process was exec'd with."""
    items = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in items if b"=" in item)


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path / "class")
    yield srv
    kill_apps(srv)
    srv.stop()


def test_each_app_is_a_fork_of_the_zygote_on_its_own_terminal_and_session(tmp_path):
    srv = Server(tmp_path / "class", "--auth", "password", env={"DLTUTOR_CLASS_PASSWORD": "s3cret-class"})

    async def go() -> None:
        students = [await Student.login(srv.port, name, password="s3cret-class") for name in ("alice", "bob")]
        for s in students:
            assert await s.wait_text("dltutor", 30), s.text()
        zygote = zygote_of(srv)
        assert zygote is not None
        apps = app_pids(srv.proc.pid)
        assert len(apps) == 2 and all(parent_of(pid) == zygote for pid in apps)
        for pid in apps:
            assert os.getsid(pid) == pid and os.getpgid(pid) == pid          # a session of its own
            assert os.readlink(f"/proc/{pid}/fd/0").startswith("/dev/pts/")
        assert len({os.readlink(f"/proc/{pid}/fd/0") for pid in apps}) == 2
        # Nothing of the server's environment (the class password) reaches the zygote, so no app has it.
        env = environ(zygote)
        assert env["DLTUTOR_CLASSROOM"] == "1"
        assert not any("s3cret" in value for value in env.values()) and "DLTUTOR_CLASS_PASSWORD" not in env
        for s in students:
            s.close()

    try:
        asyncio.run(go())
    finally:
        kill_apps(srv)
        srv.stop()


def test_a_child_runs_with_exactly_the_environment_and_arguments_it_is_sent(tmp_path):
    # The zygote itself, with dltutor's main swapped for one that reports what the child got.
    report = tmp_path / "report.json"
    wrapper = tmp_path / "zygote_probe.py"
    wrapper.write_text(textwrap.dedent(f"""
        import json, os, sys
        import tutor.cli
        from tutor.serve import zygote

        def main(args):
            fds = sorted(map(int, os.listdir("/proc/self/fd")))
            with open({str(report)!r}, "w") as f:
                json.dump({{"env": dict(os.environ), "args": args, "argv": sys.argv, "sid": os.getsid(0),
                           "pid": os.getpid(), "tty": os.ttyname(0), "fds": fds}}, f)
            return 7

        tutor.cli.main = main
        sys.exit(zygote.main(sys.argv[1:]))
    """))
    from tutor.serve import forkserver

    async def go() -> int | None:
        forkserver.COMMAND = [sys.executable, str(wrapper)]
        z = forkserver.Zygote({"PATH": os.defpath, "ZYGOTE_ONLY": "not for children"})
        master, slave = pty.openpty()
        try:
            child = await z.spawn(["--student", "alice"], {"TERM": "xterm", "DLTUTOR_CLASSROOM": "1"}, [slave])
            os.close(slave)
            return await asyncio.wait_for(child.wait(), 30)
        finally:
            z.close()
            os.close(master)

    try:
        code = asyncio.run(go())
    finally:
        forkserver.COMMAND = [sys.executable, "-m", "tutor.serve.zygote"]
    got = json.loads(report.read_text())
    assert code == 7                                        # the exit status comes back through the zygote
    assert got["env"] == {"TERM": "xterm", "DLTUTOR_CLASSROOM": "1"}
    assert got["args"] == ["--student", "alice"] and got["argv"] == ["dltutor", "--student", "alice"]
    assert got["sid"] == got["pid"] and got["tty"].startswith("/dev/pts/")
    assert [fd for fd in got["fds"] if fd > 2] == [max(got["fds"])]   # only listdir's own: nothing inherited


def test_a_crashed_app_already_reaped_when_its_session_stops_still_logs_its_exit_code(tmp_path):
    # The race behind "app exited (code None)" under load: the app dies, the pump sees its terminal
    # close, and by the time the session stops it the zygote has reaped it (the group is gone, so
    # killpg fails) while its exit message still waits in the socket.  Here the loop is held, as a
    # busy server's is, until that state; the session must then wait for the message.
    wrapper = tmp_path / "zygote_crash.py"
    wrapper.write_text(textwrap.dedent("""
        import os, signal, sys
        import tutor.cli
        from tutor.serve import zygote

        def main(args):
            os.read(0, 1)                          # registered by the server by now: crash on a key
            os.kill(os.getpid(), signal.SIGSEGV)

        tutor.cli.main = main
        zygote.preload = lambda: iter(())          # nothing to import for this, nothing for later
        sys.exit(zygote.main(sys.argv[1:]))
    """))
    from tutor.serve import forkserver
    from tutor.serve.ssh import Classroom

    def reaped(pid: int) -> bool:
        try:
            os.kill(pid, 0)                        # a zombie (ended, not reaped) still takes a signal
        except ProcessLookupError:
            return True
        return False

    async def go() -> int | None:
        forkserver.COMMAND = [sys.executable, str(wrapper)]
        z = forkserver.Zygote({"PATH": os.defpath})
        master, slave = pty.openpty()
        try:
            child = await z.spawn([], {"TERM": "xterm"}, [slave])
            os.close(slave)
            os.write(master, b"\n")                     # a line: the terminal is in canonical mode
            assert wait_for(lambda: reaped(child.pid), 30)     # blocks the loop: the message stays unread
            assert child.returncode is None
            await Classroom._stop(child)                # now: no loop turn that could read the message first
            return child.returncode
        finally:
            z.close()
            os.close(master)

    try:
        code = asyncio.run(go())
    finally:
        forkserver.COMMAND = [sys.executable, "-m", "tutor.serve.zygote"]
    assert code == -signal.SIGSEGV


def test_one_app_crashing_leaves_the_others_and_new_logins_alone(server):
    async def go() -> None:
        alice = await Student.login(server.port, "alice")
        bob = await Student.login(server.port, "bob")
        for s in (alice, bob):
            assert await s.wait_text("dltutor", 30), s.text()
        pids = app_pids(server.proc.pid)
        crashed = pids[0]
        os.kill(crashed, signal.SIGSEGV)
        victim, other = (alice, bob) if await alice.ended(15) else (bob, alice)
        assert victim.reader.done() and "stopped unexpectedly" in victim.text()
        mark = len(other.out)
        other.proc.stdin.write(b"?")
        assert await other.wait_text("this help", 15, since=mark), other.text(mark)
        carol = await Student.login(server.port, "carol")
        assert await carol.wait_text("dltutor", 30), carol.text()
        for s in (alice, bob, carol):
            s.close()                                   # the log says "connection dropped" for bob and carol

    asyncio.run(go())
    assert wait_for(lambda: "app exited (code -11)" in server.log.read_text()), server.log.read_text()


def test_a_killed_zygote_is_replaced_and_its_running_apps_carry_on(server):
    async def go() -> None:
        alice = await Student.login(server.port, "alice")
        assert await alice.wait_text("dltutor", 30), alice.text()
        first = zygote_of(server)
        os.kill(first, signal.SIGKILL)
        assert wait_for(lambda: "zygote ended" in server.log.read_text(), 15)
        mark = len(alice.out)
        alice.proc.stdin.write(b"?")
        assert await alice.wait_text("this help", 15, since=mark), alice.text(mark)
        bob = await Student.login(server.port, "bob")
        assert await bob.wait_text("dltutor", 30), bob.text()
        second = zygote_of(server)
        assert second not in (None, first)
        assert any(parent_of(pid) == second for pid in app_pids(server.proc.pid))
        # Alice's app (now nobody's child) quits; the server notices without its zygote.
        alice.proc.stdin.write(b"\x1b")
        await asyncio.sleep(0.5)
        alice.proc.stdin.write(b"\x11")                 # ctrl+q
        assert await alice.ended(20)
        for s in (alice, bob):
            s.close()

    asyncio.run(go())
    assert wait_for(lambda: "student='alice'" in server.log.read_text() and "app exited" in server.log.read_text())


def test_without_a_zygote_each_student_gets_a_fresh_python(tmp_path):
    data = tmp_path / "class"
    data.mkdir()
    port = free_port()
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from tutor.serve import forkserver
        from tutor.serve.ssh import Options, serve
        forkserver.COMMAND = [sys.executable, "-c", "raise SystemExit(3)"]     # a zygote that dies at once
        serve(Options(port={port}, data_dir=Path({str(data)!r})))
    """)
    log = data / "server.log"
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=open(log, "w"),
                            env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": ""})
    try:
        assert wait_for(lambda: "serving a classroom" in log.read_text(), 20), log.read_text()

        async def go() -> None:
            s = await Student.login(port, "alice")
            assert await s.wait_text("dltutor", 60), s.text()
            [pid] = app_pids(proc.pid)
            assert parent_of(pid) == proc.pid and os.getsid(pid) == pid
            s.close()

        asyncio.run(go())
        assert "zygote unavailable" in log.read_text()
    finally:
        for pid in app_pids(proc.pid):
            os.killpg(pid, signal.SIGKILL)
        proc.terminate()
        proc.wait(20)


def test_the_zygote_does_not_preload_matplotlib():
    """Every student's app is forked from the zygote: matplotlib (the charts extra) there cost
    each app 20 MB of RSS (measured: 98 against 76 MiB) for a key few press."""
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("matplotlib") is None:
        pytest.skip("the charts extra is not installed: nothing to keep out")
    code = "import sys; from tutor.serve import zygote; zygote.preload(); print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stdout + done.stderr


PAGES_AFTER_FORK = """
import asyncio, json, sys
from tutor.serve import zygote
later = zygote.preload()
before = set(sys.modules)
for _ in later:                # what the zygote does while no student is waiting (serve)
    pass
from tutor.app import DLTutorApp
from tutor.mathtext import _parse
from tutor.widgets.page_text import _parsed
parses = _parsed.cache_info(), _parse.cache_info()

async def main():
    app = DLTutorApp(student="s1", store=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.5)
        for key in ("enter", "right", "right", "left", *["right"] * 6):
            await pilot.press(key)
            await pilot.pause(0.2)
        await app.workers.wait_for_complete()

asyncio.run(main())
after = _parsed.cache_info(), _parse.cache_info()
print(json.dumps({"imported": sorted(set(sys.modules) - before),
                  "markdown": [after[0].hits - parses[0].hits, after[0].misses - parses[0].misses],
                  "formulas": [after[1].hits - parses[1].hits, after[1].misses - parses[1].misses]}))
"""


@pytest.fixture(scope="module")
def first_pages_after_fork():
    """What an app forked from a preloaded zygote does on the home screen, the first lesson's pages
    and its quiz: the modules it imports, and the paragraphs and formulas it parses (hits, misses)."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", PAGES_AFTER_FORK], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_what_a_student_opens_first_is_preloaded(first_pages_after_fork):
    """A module an app imports after the fork is a private copy in every student's app (memory
    per student, issue 17): the home screen, the first lesson's pages and its quiz import nothing new."""
    assert first_pages_after_fork["imported"] == []


def test_what_a_student_reads_is_parsed_before_the_fork(first_pages_after_fork):
    """Parsing a page's Markdown and maths cost every student's app a few ms on every page turn:
    the zygote parses every lesson once (parse_later), so the pages find it all done."""
    markdown_hits, markdown_misses = first_pages_after_fork["markdown"]
    _, formula_misses = first_pages_after_fork["formulas"]
    assert markdown_hits > 0 and markdown_misses == 0, first_pages_after_fork
    assert formula_misses == 0, first_pages_after_fork


IDLE_WORK = """
import json, socket, threading
from tutor.serve import zygote
ours, servers = socket.socketpair()
done = []

def later():
    for step in range(3):
        done.append(step)
        yield True

def server_leaves():
    servers.recv(100)                              # {"ready": true}
    servers.close()                                # the server goes away: serve() returns

threading.Timer(2.0, server_leaves).start()
zygote.serve(ours, later())
print(json.dumps(done))
"""


def test_the_zygote_does_its_later_work_while_no_student_is_waiting():
    """preload() leaves the lessons' parsing for later, so the first students are not kept waiting;
    serve() must then do it, a step at a time, while no fork is asked for."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", IDLE_WORK], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [0, 1, 2]
