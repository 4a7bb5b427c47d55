"""The zygote: a process that imports Textual and the app once, then forks a ready dltutor per student.

Importing Textual and the app costs every fresh Python ~0.15 s of CPU and ~30 MiB before the first
screen; 40 students logging in at once queued 40 of those on two cores.  A fork of a process that
has already imported everything starts in milliseconds and shares those pages with its siblings.

The server (tutor/serve/forkserver.py) starts this with `python -m tutor.serve.zygote FD` and a
minimal environment (so no secret is in it), and talks to it over FD, a SOCK_SEQPACKET socket:

    server → zygote   {"id": N, "args": [...], "env": {...}}  + the PTY slave, or the ends of three
                      pipes for stdin, stdout and stderr (serve web), as SCM_RIGHTS
    zygote → server   {"ready": true} once imported; {"id": N, "pid": P} or {"id": N, "error": "..."};
                      {"exited": P, "code": C} when a child ends (C < 0: killed by signal -C)

The zygote never runs an event loop or a thread (forking those is unsafe) and never opens the
progress database: each child opens its own.  When the server goes (EOF), the zygote exits; its
children carry on until their terminals hang up.
"""
from __future__ import annotations

import array
import atexit
import ctypes
import fcntl
import gc
import json
import os
import select
import signal
import socket
import sys
import termios
from collections.abc import Iterable, Iterator

MAX_MESSAGE = 64 * 1024
# A folder: each child runs under cProfile and leaves app-PID.prof there (to see what a key costs).
PROFILE = os.environ.get("DLTUTOR_PROFILE")
PR_SET_NAME = 15


def set_name(name: bytes) -> None:
    """The name `ps` and /proc/PID/comm show: the zygote and its children share a command line."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_NAME, ctypes.c_char_p(name[:15]), 0, 0, 0)
    except (OSError, AttributeError):
        pass


def preload() -> Iterator[bool]:
    """Import what a first screen and the keys after it need, so each child starts with it done.

    Returns the work left for when the zygote is idle (parse_later): the server need not wait."""
    import importlib
    import pkgutil

    import engine
    import tutor
    import tutor.app  # noqa: F401  (textual, rich, the home screen)

    names = [m.name for package in (tutor, engine)
             for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
             if not (m.name.startswith(NOT_PRELOADED) or m.name.endswith("__main__"))]
    for name in [*names, *THIRD_PARTY]:
        try:
            importlib.import_module(name)
        except Exception:                  # noqa: BLE001 - a module left out costs a child time, not function
            pass
    lessons = preload_lessons()
    from rich.cells import cell_len

    cell_len("\u4e2d")     # a CJK character: loads rich's table of character widths
    freeze()
    return parse_later(lessons)


def freeze() -> None:
    """Objects made so far are permanent: keep the collector from touching (and so copying) their pages."""
    gc.collect()
    gc.freeze()


def parse_later(lessons: list) -> Iterator[bool]:
    """Parse every lesson's prose and formulas, one lesson at a time while no student is waiting
    (serve): each app forked after that finds its pages parsed (about 1 s of the zygote's CPU,
    which would have delayed the first students; a child forked before parses its pages itself)."""
    from tutor.screens.lesson import parse_ahead

    for lesson in lessons:
        try:
            parse_ahead([lesson])
        except Exception:                  # noqa: BLE001 - then the apps parse that lesson themselves
            pass
        yield True
    freeze()


# The server's own modules, and the charts: they import matplotlib (the `charts` extra), 20 MB of
# every student's app that only a lab's "save the picture" key needs (it imports them then).
NOT_PRELOADED = ("tutor.serve", "tutor.charts")

# Imported inside functions the first screens call (the lesson page's Markdown, its scroll bars).
THIRD_PARTY = (
    "rich.markdown", "rich.syntax", "pygments.styles", "textual.scrollbar", "textual.layouts.factory",
    "textual.layouts.horizontal", "textual.layouts.vertical", "textual.layouts.grid", "textual.layouts.stream",
    "textual.drivers.linux_driver", "textual.drivers.headless_driver", "textual.pilot", "concurrent.futures.thread",
    "sqlite3",
    "numpy.random",     # the quiz's generators (warmed up after every first screen: 12 modules an app)
)


def preload_lessons() -> list:
    """Read every language's lessons once; each child's app finds them in memory (tutor.content.cache).
    Returns them all, every language's, for parse_later."""
    from tutor.app import _content_key, load_content
    from tutor.content import cache
    from tutor.content.loader import default_root
    from tutor.locale import languages, using

    everything: list = []
    for lang in languages():
        try:
            with using(lang):
                key = _content_key(default_root(), lang)
                lessons, problems = load_content(lang)
            if lessons:
                cache.remember(lang, key, lessons, problems)
                everything += lessons
        except Exception:                  # noqa: BLE001 - then each child reads them as it always did
            pass
    return everything


def send(sock: socket.socket, message: dict) -> None:
    sock.send(json.dumps(message).encode())


def reap(sock: socket.socket) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        send(sock, {"exited": pid, "code": os.waitstatus_to_exitcode(status)})


def run_child(fds: list[int], args: list[str], env: dict[str, str]) -> int:
    """In the forked child: a session of its own on `fds` (a terminal, or stdin/stdout/stderr pipes),
    then dltutor with `args`."""
    os.setsid()
    if len(fds) == 1:
        fcntl.ioctl(fds[0], termios.TIOCSCTTY, 0)  # window-size changes reach the app as SIGWINCH
        fds = fds * 3
    # Out of the way of 0-2 first, so one dup2 cannot overwrite another's source.
    moved = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in fds]
    for target, fd in enumerate(moved):
        os.dup2(fd, target)
    os.closerange(3, 65536)                       # the zygote's socket and pipes, and these spare copies
    os.environ.clear()
    os.environ.update(env)
    sys.argv = ["dltutor", *args]
    set_name(b"dltutor")
    if "numpy" in sys.modules:                    # its global generator is not reseeded by fork
        sys.modules["numpy"].random.seed()
    from tutor.cli import main
    if not PROFILE:
        return main(args)
    import cProfile

    profile = cProfile.Profile()
    try:
        return profile.runcall(main, args)
    finally:
        profile.dump_stats(os.path.join(PROFILE, f"app-{os.getpid()}.prof"))


def fork_child(sock: socket.socket, request: dict, fds: list[int]) -> None:
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            signal.set_wakeup_fd(-1)
            for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
                signal.signal(sig, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            code = run_child(fds, request["args"], request["env"])
        except BaseException:                     # noqa: BLE001 - the child must never return into the zygote
            code = 1
        finally:
            try:
                atexit._run_exitfuncs()
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code if isinstance(code, int) else 1)
    for fd in fds:
        os.close(fd)
    send(sock, {"id": request["id"], "pid": pid})


def receive(sock: socket.socket) -> tuple[bytes, list[int]]:
    fds = array.array("i")
    data, ancillary, _, _ = sock.recvmsg(MAX_MESSAGE, socket.CMSG_SPACE(3 * fds.itemsize))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(payload[: len(payload) - len(payload) % fds.itemsize])
    return data, list(fds)


def serve(sock: socket.socket, later: Iterable[bool] = ()) -> None:
    """Fork an app for each request on `sock`; between requests, one step of `later` at a time."""
    later = iter(later)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    send(sock, {"ready": True})
    idle_work = True
    while True:
        readable, _, _ = select.select([sock, wake_r], [], [], 0 if idle_work else None)
        if not readable:
            idle_work = next(later, False)
            continue
        if wake_r in readable:
            while True:
                try:
                    if not os.read(wake_r, 512):
                        break
                except BlockingIOError:
                    break
            reap(sock)
        if sock in readable:
            data, fds = receive(sock)
            if not data:
                return                            # the server is gone
            try:
                request = json.loads(data)
                if len(fds) not in (1, 3):
                    raise ValueError("one terminal or three pipes")
            except ValueError:
                for fd in fds:
                    os.close(fd)
                continue
            try:
                fork_child(sock, request, fds)
            except OSError as exc:                # out of processes or memory: the server spawns instead
                for fd in fds:
                    os.close(fd)
                send(sock, {"id": request.get("id"), "error": str(exc)})
        reap(sock)


def main(argv: list[str]) -> int:
    sock = socket.socket(fileno=int(argv[0]))
    set_name(b"dltutor-zygote")
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl+C at the server's terminal is the server's
    later = preload()
    try:
        serve(sock, later)
    except (BrokenPipeError, ConnectionResetError):
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
