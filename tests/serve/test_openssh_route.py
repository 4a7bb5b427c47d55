"""The OpenSSH route of docs/classroom.md: Debian's sshd on a loopback port,
the documented Match block, the stock client."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_ssh_server import SSH_OPTS, Tmux, free_port, needs_tmux, wait_for

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
pytestmark = [
    pytest.mark.skipif(not os.path.exists(SSHD), reason="Debian's openssh-server is not installed"),
    pytest.mark.skipif(os.geteuid() != 0, reason="sshd's privilege separation needs root"),
    needs_tmux,
]

DOC = Path(__file__).resolve().parents[2] / "docs" / "classroom.md"


def documented_block() -> tuple[str, str]:
    """The MaxStartups line and the Match block, as the documentation gives them."""
    text = DOC.read_text()
    max_startups = re.search(r"^ +(MaxStartups .+)$", text, re.M).group(1)
    block = re.search(r"^ +(Match Group dltutor\n(?: {8}.+\n)+)", text, re.M).group(1)
    return max_startups, block


@pytest.fixture
def sshd(tmp_path):
    max_startups, block = documented_block()
    data = tmp_path / "srv"
    data.mkdir()
    key = tmp_path / "student_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "host_key")], check=True)
    (tmp_path / "authorized_keys").write_text((tmp_path / "student_key.pub").read_text())
    # The test logs in as the user running it (root in CI): match that user
    # instead of a group, and run the app from this interpreter.
    dltutor = f"{sys.executable} -m tutor"
    block = (block.replace("Match Group dltutor", "Match User root")
                  .replace("/usr/local/bin/dltutor", f"cd {Path.cwd()} && {dltutor}")
                  .replace("/srv/dltutor", str(data)))
    port = free_port()
    config = tmp_path / "sshd_config"
    config.write_text(f"""Port {port}
ListenAddress 127.0.0.1
HostKey {tmp_path / 'host_key'}
PidFile {tmp_path / 'sshd.pid'}
AuthorizedKeysFile {tmp_path / 'authorized_keys'}
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
{max_startups}
{block}""")
    Path("/run/sshd").mkdir(exist_ok=True)   # privilege separation directory
    check = subprocess.run([SSHD, "-t", "-f", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=open(tmp_path / "sshd.log", "w"))
    time.sleep(0.5)
    yield port, key, data
    proc.terminate()
    proc.wait(10)


def test_forced_command_runs_the_tutor(sshd):
    port, key, data = sshd
    term = Tmux(["ssh", *SSH_OPTS, "-i", str(key), "-p", str(port), "root@127.0.0.1"])
    try:
        assert wait_for(lambda: "dltutor" in term.screen().lower(), timeout=30), term.screen()
        assert "Traceback" not in term.screen()
        term.keys("q")
        assert wait_for(lambda: "SESSION-ENDED" in term.screen()), term.screen()
    finally:
        term.close()


def test_a_command_still_gets_the_tutor_not_a_shell(sshd):
    port, key, _ = sshd
    out = subprocess.run(["ssh", *SSH_OPTS, "-i", str(key), "-p", str(port), "root@127.0.0.1", "cat /etc/passwd"],
                         capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert "root:x:0:0" not in out.stdout


def test_forwarding_is_disabled(sshd):
    port, key, _ = sshd
    out = subprocess.run(["ssh", *SSH_OPTS, "-i", str(key), "-p", str(port), "-N", "-o", "ExitOnForwardFailure=yes",
                          "-R", "0:127.0.0.1:9", "root@127.0.0.1"], capture_output=True, text=True, timeout=30,
                         stdin=subprocess.DEVNULL)
    assert out.returncode == 255
