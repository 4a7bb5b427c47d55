"""`dltutor serve web`, driven by real clients: headless Chromium for the page, aiohttp for raw websockets.

Each tab is a real dltutor process; the tests look at those processes through /proc.
"""
from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="the serve extra is not installed")
aiohttp = pytest.importorskip("aiohttp", reason="the serve extra is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed")

# No background traffic: this machine has no network but loopback.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float = 20.0, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(step)
    return predicate()


def children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is pid."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace")
    return dict(item.split("=", 1) for item in raw.split("\0") if "=" in item)


def get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={} if host is None else {"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class Web:
    """`dltutor serve web` in a subprocess; stop() ends it and anything it left behind."""

    def __init__(self, tmp: Path, *extra: str, host: str = "127.0.0.1", env: dict | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.origin = f"http://127.0.0.1:{self.port}"
        self.data_dir = tmp / "class"
        self.log = tmp / "web.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tutor.serve", "web", "--host", host, "--port", str(self.port),
             "--data-dir", str(self.data_dir), *extra],
            stdout=subprocess.DEVNULL, stderr=open(self.log, "w"), env={**os.environ, **(env or {})})
        self.seen: set[int] = set()
        assert wait_for(self._up, timeout=20), self.log.read_text()

    def _up(self) -> bool:
        try:
            return urllib.request.urlopen(self.url, timeout=2).status == 200
        except OSError:
            return self.proc.poll() is not None     # a dead server: stop waiting (the assert reports it)

    def apps(self) -> list[int]:
        """The tabs' apps: the server's children, or its zygote's (tutor/serve/zygote.py)."""
        pids: list[int] = []
        for pid in children(self.proc.pid):
            pids += children(pid) if comm(pid) == "dltutor-zygote" else [pid]
        self.seen.update(pids)
        return pids

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pid in self.seen:              # a failing test must not leave apps behind
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def start(tmp_path):
    servers: list[Web] = []

    def start(*extra: str, **kw) -> Web:
        servers.append(Web(tmp_path, *extra, **kw))
        return servers[-1]
    yield start
    for server in servers:
        server.stop()


async def open_tab(web: Web, query: str = "width=80&height=24", origin: str | None = "same",
                   session: "aiohttp.ClientSession | None" = None):
    """A websocket to /ws that has received the app's first screen bytes."""
    session = session or aiohttp.ClientSession()
    ws = await session.ws_connect(f"{web.url}ws?{query}", origin=web.origin if origin == "same" else origin)
    first = await ws.receive(timeout=30)
    assert first.type == aiohttp.WSMsgType.BINARY, first
    ws.first = first.data
    return session, ws


async def drain(ws, quiet: float = 1.5, limit: float = 20) -> bytes:
    """Everything the app sends until it has been quiet for `quiet` seconds."""
    out = bytearray()
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=quiet)
        except asyncio.TimeoutError:
            break
        if message.type != aiohttp.WSMsgType.BINARY:
            break
        out += message.data
    return bytes(out)


def screen_extent(output: bytes) -> tuple[int, int]:
    """The largest row and column the app moved its cursor to (1-based)."""
    moves = [(int(r), int(c)) for r, c in re.findall(rb"\x1b\[(\d+);(\d+)H", output)]
    return max(r for r, _ in moves), max(c for _, c in moves)


async def refused(web: Web, origin: str | None = "same", **connector) -> int:
    """The HTTP status a websocket upgrade got (0 if it was accepted)."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(**connector)) as session:
        try:
            ws = await session.ws_connect(f"{web.url}ws", origin=web.origin if origin == "same" else origin)
        except aiohttp.WSServerHandshakeError as error:
            return error.status
        await ws.close()
        return 0


# --- the page in a real browser ----------------------------------------------------------------------------

@needs_chromium
def test_a_tab_asks_for_a_name_and_records_progress_under_it(start, tmp_path):
    web = start()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(web.url, wait_until="domcontentloaded")
            # textual-serve marks the body once the app has sent its first bytes.
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            page.wait_for_timeout(2500)          # let the first frame paint
            asking = page.screenshot(path=str(tmp_path / "name.png"))
            page.mouse.click(600, 370)           # the browser's focus into the terminal, on the name field
            page.keyboard.type("li_lei")
            page.keyboard.press("Enter")
            page.wait_for_timeout(2000)
            home = page.screenshot(path=str(tmp_path / "home.png"))
            page.keyboard.press("Enter")         # open the first lesson: a page seen is recorded
            page.wait_for_timeout(2500)
            lesson = page.screenshot(path=str(tmp_path / "lesson.png"))
        finally:
            browser.close()
    assert len(asking) > 10_000                  # a painted screen, not an empty page
    assert asking != home != lesson              # each key reached the app and it redrew
    from tutor.progress import Store, default_path

    store = Store(default_path(web.data_dir))
    try:
        assert store.students() == ["li_lei"]
        assert store.lesson_status("li_lei")
    finally:
        store.close()


def _other_address() -> str | None:
    """An IPv4 address of this machine that is not loopback, as another computer would reach it."""
    try:
        out = subprocess.run(["ip", "-4", "-o", "addr", "show", "scope", "global"],
                             capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.findall(r"inet (\d+\.\d+\.\d+\.\d+)/", out)
    return found[0] if found else None


@needs_chromium
def test_a_page_fetched_through_the_machines_address_opens_the_name_screen(start, tmp_path):
    # Issue 13, item 7: served on 0.0.0.0, the page pointed the browser at http://0.0.0.0:PORT/static/...
    # and ws://0.0.0.0:PORT/ws, which Chromium refuses from a page on a real address.
    address = _other_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    web = start(host="0.0.0.0")
    url = f"http://{address}:{web.port}/"
    screen = bytearray()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)   # a fresh profile
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.on("websocket", lambda ws: ws.on("framereceived", lambda data: screen.extend(
                data if isinstance(data, bytes) else b"")))
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            page.wait_for_timeout(1500)
            shot = page.screenshot(path=str(tmp_path / "other-address.png"))
            scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
        finally:
            browser.close()
    assert scripts and all(src.startswith(url) for src in scripts)
    assert b"Welcome to dltutor" in screen       # the name screen reached this tab
    assert len(shot) > 10_000


# --- the page's URLs ---------------------------------------------------------------------------------------

def test_the_page_points_at_the_address_it_was_fetched_through(start):
    web = start(host="0.0.0.0")
    status, page = get(web.url, host=f"10.9.8.7:{web.port}")
    assert status == 200
    assert f'"ws://10.9.8.7:{web.port}/ws"' in page and f"http://10.9.8.7:{web.port}/static/js/" in page
    assert "0.0.0.0" not in page
    for bad in ('evil.example"><script>', "a b", "x:99999", "", "[::1"):
        assert get(web.url, host=bad)[0] == 400, bad


def test_public_url_names_the_address_behind_a_proxy(start):
    web = start("--public-url", "https://dl.school.example/tutor/")
    status, page = get(web.url)
    assert status == 200
    assert '"wss://dl.school.example/tutor/ws"' in page and "https://dl.school.example/tutor/static/" in page
    bad = subprocess.run([sys.executable, "-m", "tutor.serve", "web", "--data-dir", str(web.data_dir),
                          "--public-url", "dl.school.example"], capture_output=True, text=True, timeout=30)
    assert bad.returncode == 2 and "--public-url" in bad.stderr and "Traceback" not in bad.stderr


# --- what a client controls ----------------------------------------------------------------------------------

def test_a_huge_terminal_is_clamped_to_500_by_200(start):
    # Issue 13, item 2: ?width=65535&height=65535 grew the app to 7.9 GiB in 30 s.
    # Sizes just above the limit show the clamp without eating the machine when it is missing.
    web = start()

    async def run():
        session, ws = await open_tab(web, "width=900&height=400")
        try:
            first = ws.first + await drain(ws)
            [app] = web.apps()
            await ws.send_json(["resize", {"width": 1000, "height": 600}])
            resized = await drain(ws)
            await ws.send_json(["resize", {"width": 0, "height": -3}])
            await ws.send_json(["resize", {"width": 100, "height": 30}])
            small = await drain(ws)
            return first, resized, small
        finally:
            await session.close()

    # The app is forked (tutor/serve/zygote.py), so its exec-time environment is the zygote's:
    # the size it was given shows in what it draws.
    first, resized, small = asyncio.run(run())
    assert screen_extent(first)[0] == 200 and screen_extent(first)[1] <= 500
    assert screen_extent(resized)[0] <= 200 and screen_extent(resized)[1] <= 500
    assert screen_extent(small)[0] == 30         # still alive and resizing after a 0 × -3 request


async def pong(ws, payload: str):
    """Send a ping; the pong that comes back (None if the tab closed first)."""
    await ws.send_json(["ping", payload])
    while (message := await ws.receive(timeout=10)).type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
        if message.type == aiohttp.WSMsgType.TEXT and message.json() == ["pong", payload]:
            return message.json()
    return None


def test_hostile_messages_are_ignored_and_an_oversized_one_ends_only_that_tab(start):
    web = start()

    async def run():
        session, ws = await open_tab(web)
        other_session = None
        try:
            for text in ("not json", '{"a": 1}', "[]", '["stdin", 5]', '["stdin", "\\ud800"]', "[" * 60_000,
                         '["resize", {"width": "x", "height": 3}]', '["resize", null]', '["ping", {"x": []}]'):
                await ws.send_str(text)
            alive_after_garbage = await pong(ws, "still-there")
            await drain(ws, quiet=1)
            await ws.send_json(["blur"])              # textual.js's one-element messages still get through:
            await drain(ws, quiet=1)
            await ws.send_json(["focus"])
            redrawn_on_focus = await drain(ws, quiet=2, limit=3)    # it redraws (its cursor blinks again)
            other_session, other = await open_tab(web)
            await ws.send_str('["stdin", "' + "a" * 300_000 + '"]')
            while (await ws.receive(timeout=10)).type == aiohttp.WSMsgType.BINARY:
                pass
            other_pong = await pong(other, "other")
            one_app_left = await asyncio.to_thread(wait_for, lambda: len(web.apps()) == 1, 15)
            return alive_after_garbage and redrawn_on_focus, ws.close_code, one_app_left, other_pong
        finally:
            await session.close()
            if other_session:
                await other_session.close()

    alive_after_garbage, code, one_app_left, other = asyncio.run(run())
    assert alive_after_garbage
    assert code == 1009                           # "message too big", from the server
    assert one_app_left                           # that tab's app ended ...
    assert other                                  # ... and the other tab did not notice
    assert "Traceback" not in web.log.read_text()


# --- sessions, origins, processes ------------------------------------------------------------------------

def test_the_class_is_full_beyond_max_sessions(start):
    # Issue 13, item 8: no cap on the web route (40 tabs from one page meant 82 processes).
    web = start("--max-sessions", "2")

    async def run():
        first = await open_tab(web)
        second = await open_tab(web)
        apps = web.apps()
        page = get(web.url)
        third = await refused(web)
        await first[0].close()
        reopened = wait_for(lambda: get(web.url)[0] == 200, timeout=15)
        await second[0].close()
        return apps, page, third, reopened

    apps, (status, page), third, reopened = asyncio.run(run())
    assert len(apps) == 2
    assert status == 503 and "class is full" in page and "课堂已满" in page
    assert third == 503
    assert reopened


def test_one_address_gets_at_most_max_per_address_tabs(start):
    web = start("--max-sessions", "5", "--max-per-address", "1")

    async def run():
        session, ws = await open_tab(web)
        try:
            again = await refused(web)
            page = get(web.url)
            elsewhere = await refused(web, local_addr=("127.0.0.2", 0))
            return again, page, elsewhere
        finally:
            await session.close()

    again, (status, page), elsewhere = asyncio.run(run())
    assert again == 503 and status == 503 and "This computer" in page and "这台电脑" in page
    assert elsewhere == 0                       # another computer still gets in


def test_a_foreign_origin_is_refused_and_the_app_gets_no_shell_and_no_secrets(start):
    web = start(env={"DLTUTOR_CLASS_PASSWORD": "hunter2", "AWS_SECRET_ACCESS_KEY": "x"})

    async def run():
        foreign = await refused(web, origin="http://evil.example")
        lookalike = await refused(web, origin=f"http://127.0.0.1:{web.port}.evil.example")
        missing = await refused(web, origin=None)
        apps_after_refusals = web.apps()
        session, ws = await open_tab(web)
        try:
            return foreign, lookalike, missing, apps_after_refusals, web.apps()
        finally:
            await session.close()

    foreign, lookalike, missing, before, apps = asyncio.run(run())
    assert (foreign, lookalike, missing) == (403, 403, 403) and before == []
    [app] = apps                                  # the app itself, no /bin/sh -c in between:
    zygote = parent(app)                          # forked by the zygote the server started
    assert comm(app) == "dltutor" and parent(zygote) == web.proc.pid
    argv = Path(f"/proc/{zygote}/cmdline").read_bytes().split(b"\0")
    assert argv[:3] == [sys.executable.encode(), b"-m", b"tutor.serve.zygote"]
    env = environ(app)                            # as exec'd: the zygote's, which every app starts from
    assert "DLTUTOR_CLASS_PASSWORD" not in env and "AWS_SECRET_ACCESS_KEY" not in env
    assert env["DLTUTOR_DATA_DIR"] == str(web.data_dir.resolve())
    assert set(env) <= {"PATH", "HOME", "LANG", "LC_ALL", "LC_MESSAGES", "TERM", "DLTUTOR_DATA_DIR", "DLTUTOR_CLASSROOM",
                        "DLTUTOR_LESSONS", "TEXTUAL_DRIVER", "TEXTUAL_FPS", "TEXTUAL_COLOR_SYSTEM",
                        "TERM_PROGRAM", "TERM_PROGRAM_VERSION", "COLUMNS", "ROWS"}


def test_sigterm_ends_every_tab_even_a_frozen_one(start):
    web = start()

    async def run():
        tabs = [await open_tab(web), await open_tab(web)]
        reading = [asyncio.create_task(drain(ws, quiet=60, limit=60)) for _, ws in tabs]   # as a browser does
        apps = web.apps()
        os.kill(apps[0], signal.SIGSTOP)          # an app that will never answer "quit"
        web.proc.terminate()
        exited = await asyncio.to_thread(wait_for, lambda: web.proc.poll() is not None, 20)
        for task in reading:
            task.cancel()
        for session, _ in tabs:
            await session.close()
        return apps, exited

    apps, exited = asyncio.run(run())
    assert exited, "the server ignored SIGTERM"
    assert wait_for(lambda: not any(alive(pid) for pid in apps), timeout=10)


# --- textual-serve's internals we rely on --------------------------------------------------------------

def test_textual_serve_still_has_the_internals_we_override():
    from tutor.serve.web_compat import check_textual_serve

    check_textual_serve()                        # raises, naming what moved, if an upgrade changed them


def test_the_check_notices_when_an_internal_moves(monkeypatch):
    from textual_serve.app_service import AppService

    from tutor.serve.web_compat import problems

    monkeypatch.setattr(AppService, "_build_environment", lambda self, width, height: {"TEXTUAL_NEW": "1"})
    monkeypatch.delattr(AppService, "set_terminal_size")
    found = problems()
    assert any("TEXTUAL_NEW" in p for p in found) and any("set_terminal_size" in p for p in found)


def test_the_command_each_tab_runs(tmp_path):
    from tutor.serve.web import app_argv

    assert app_argv(tmp_path)[-1] == "--ask-name"
    one = app_argv(tmp_path, student="projector", lang="zh")
    assert "--ask-name" not in one and one[-4:] == ["--student", "projector", "--lang", "zh"]


def test_each_tab_is_forked_from_the_zygote_and_a_killed_zygote_is_replaced(start):
    web = start()

    async def run():
        first_session, first = await open_tab(web)
        [app] = web.apps()
        zygote = parent(app)
        assert comm(zygote) == "dltutor-zygote" and os.getsid(app) == app      # a session of its own
        os.kill(zygote, signal.SIGKILL)
        assert await asyncio.to_thread(wait_for, lambda: not alive(zygote), 10)
        await drain(first, limit=3)                          # (a blinking cursor is never quiet)
        await first.send_json(["stdin", "w"])                # the open tab's app carries on: types in its name
        help_screen = await drain(first, limit=5)
        second_session, second = await open_tab(web)          # and a new tab gets a new zygote's fork
        apps = web.apps()
        await first_session.close()
        await second_session.close()
        return zygote, app, help_screen, apps

    zygote, app, help_screen, apps = asyncio.run(run())
    assert b"w" in help_screen and alive(app)
    [newer] = apps                                # the first app is nobody's child now (it still runs)
    assert newer != app and parent(newer) not in (zygote, web.proc.pid) and comm(parent(newer)) == "dltutor-zygote"
