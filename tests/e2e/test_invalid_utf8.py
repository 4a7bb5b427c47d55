"""A byte that is not UTF-8 (a Latin-1 "é" from a terminal set to another
encoding) does not end a local or OpenSSH session: the app keeps going."""
from __future__ import annotations

import os
import time

import pytest
from test_tmux import Terminal, dltutor

from tutor.terminal_input import _replacing_decoder, tolerate_invalid_utf8


def test_the_driver_is_the_one_we_patch():
    from textual.drivers import linux_driver

    assert tolerate_invalid_utf8()
    assert linux_driver.getincrementaldecoder is _replacing_decoder


def test_a_latin1_byte_then_keys_keeps_the_app_running(tmp_path):
    exe = dltutor()
    if exe is None:
        pytest.skip("the dltutor console script is not installed")
    env = {"HOME": str(tmp_path), "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "DLTUTOR_DATA_DIR": str(tmp_path / "data"), "PATH": os.environ.get("PATH", "")}
    term = Terminal([exe, "--lang", "en"], env, tmp_path / "tmux.conf")
    try:
        term.wait_for("Lessons")
        term._tmux("send-keys", "-t", term.name, "-H", "e9")     # a raw 0xE9 byte
        time.sleep(0.5)
        term.keys("Enter")
        screen = term.wait_for("page 1/")
        assert "Traceback" not in screen and "UnicodeDecodeError" not in screen
        dead = term._tmux("display-message", "-p", "-t", term.name, "#{pane_dead}").strip()
        assert dead != "1"
    finally:
        term.close()
