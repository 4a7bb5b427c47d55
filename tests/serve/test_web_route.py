"""`dltutor serve web` in headless Chromium: a tab asks for a name, then the lessons open under it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request

import pytest
from test_ssh_server import free_port, wait_for

pytest.importorskip("textual_serve", reason="the serve extra is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed")

# No background traffic: this machine has no network but loopback.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture
def web(tmp_path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tutor.serve", "web", "--host", "127.0.0.1", "--port", str(port),
                             "--data-dir", str(tmp_path / "class")],
                            stdout=subprocess.DEVNULL, stderr=open(tmp_path / "web.log", "w"))

    def up():
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).status == 200
        except OSError:
            return False
    assert wait_for(up, timeout=20), (tmp_path / "web.log").read_text()
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(10)


def test_a_tab_asks_for_a_name_and_records_progress_under_it(web, tmp_path):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(web, wait_until="domcontentloaded")
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

    store = Store(default_path(tmp_path / "class"))
    try:
        assert store.students() == ["li_lei"]
        assert store.lesson_status("li_lei")
    finally:
        store.close()


def test_the_command_each_tab_runs(tmp_path):
    from tutor.serve.web import app_command

    assert app_command(tmp_path).endswith("--ask-name")
    one = app_command(tmp_path, student="projector", lang="zh")
    assert "--ask-name" not in one and one.endswith("--student projector --lang zh")
