"""`dltutor serve ssh` and `serve web` mark every student's process as a classroom's
(DLTUTOR_CLASSROOM=1), and a student cannot unset it from their ssh client."""
from __future__ import annotations

import asyncio
import io
import socket
import sys

import pytest

asyncssh = pytest.importorskip("asyncssh", reason="the serve extra is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_ssh_server_sets_the_classroom_signal(tmp_path):
    from tutor.serve.ssh import Classroom, Options

    show = "import os; print('CLASSROOM=' + os.environ.get('DLTUTOR_CLASSROOM', 'unset'), flush=True)"
    options = Options(port=_free_port(), data_dir=tmp_path, app_command=[sys.executable, "-c", show],
                      log=io.StringIO())

    async def main() -> str:
        room = Classroom(options)
        await room.start()
        try:
            async with asyncssh.connect("127.0.0.1", options.port, username="alice", known_hosts=None,
                                        client_keys=None, agent_path=None) as conn:
                # the student's client asks to turn it off: the server does not listen
                result = await asyncio.wait_for(conn.run(term_type="xterm", env={"DLTUTOR_CLASSROOM": "0",
                                                                                 "LANG": "C.UTF-8"}), 30)
                return str(result.stdout)
        finally:
            await room.stop()

    assert "CLASSROOM=1" in asyncio.run(main())


def test_the_web_server_sets_it_for_every_tab(tmp_path, monkeypatch):
    # Each tab's app gets the environment the web route builds (tutor/serve/web_tab.py),
    # never the server's own: the signal must be in it whatever the server's environment says.
    from tutor.serve.web_tab import app_environment

    monkeypatch.setenv("DLTUTOR_CLASSROOM", "0")
    assert app_environment(tmp_path, 80, 24)["DLTUTOR_CLASSROOM"] == "1"
