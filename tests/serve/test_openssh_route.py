"""The OpenSSH route of docs/classroom.md: Debian's sshd on a loopback port,
the documented Match block, the stock client."""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
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


# --- two real accounts and the documented shared folder ---------------------------------

USERADD = shutil.which("useradd") or "/usr/sbin/useradd"


def run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True, text=True)


def open_the_way(paths: list[Path]) -> list[tuple[Path, int]]:
    """Let other accounts reach this Python and this checkout: o+x on each folder above
    them, o+rx on the folders themselves (CI's venv sits in a 0700 mktemp folder, and
    pyenv's Python under /root).  Returns what to put back."""
    changed: list[tuple[Path, int]] = []
    for path in paths:
        path = path.resolve()
        for folder, need in [(p, 0o001) for p in reversed(path.parents)] + [(path, 0o005)]:
            mode = folder.stat().st_mode & 0o7777
            if mode & need != need and folder not in [c[0] for c in changed]:
                changed.append((folder, mode))
                folder.chmod(mode | need)
    return changed


@pytest.fixture
def classroom(tmp_path):
    """Two students in a group, the documented Match block for that group, and a
    data folder set up as docs/classroom.md says (chgrp GROUP; chmod 2770)."""
    if not os.path.exists(USERADD):
        pytest.skip("useradd is not installed")
    tag = os.urandom(3).hex()
    group, students = f"dltg{tag}", [f"dlta{tag}", f"dltb{tag}"]
    base = Path(tempfile.mkdtemp(prefix="dltutor-class-"))
    base.chmod(0o755)
    made: list[str] = []
    changed: list[tuple[Path, int]] = []
    proc = None
    try:
        run("groupadd", group)
        made.append("group")
        for name in students:
            # No password, but not locked ('*'): sshd with UsePAM no refuses a '!' account.
            run(USERADD, "-m", "-d", str(base / "home" / name), "-s", "/bin/sh", "-G", group, "-p", "*", name)
            made.append(name)
        data = base / "srv"
        data.mkdir()
        shutil.chown(data, group=group)
        data.chmod(0o2770)                                   # the documented setup
        keys = base / "keys"
        keys.mkdir()
        for name in students:
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / name)], check=True)
            (keys / name).write_text((tmp_path / f"{name}.pub").read_text())
        changed = open_the_way([Path(sys.executable).parent, Path(os.path.realpath(sys.executable)).parent,
                                Path(sys.prefix), Path(sys.base_prefix), Path.cwd(),
                                *[Path(p) for p in sys.path if p and os.path.isdir(p)]])
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "host_key")], check=True)
        for name in students:                                # the app must start for each of them
            check = subprocess.run(["su", "-s", "/bin/sh", name, "-c",
                                    f"cd {Path.cwd()} && {sys.executable} -c 'import tutor.app'"],
                                   capture_output=True, text=True)
            if check.returncode != 0:
                pytest.skip(f"the test accounts cannot run this Python: {check.stderr.strip()[-300:]}")
        max_startups, block = documented_block()
        block = (block.replace("Match Group dltutor", f"Match Group {group}")
                      .replace("/usr/local/bin/dltutor", f"cd {Path.cwd()} && {sys.executable} -m tutor")
                      .replace("/srv/dltutor", str(data)))
        port = free_port()
        config = tmp_path / "sshd_config"
        config.write_text(f"""Port {port}
ListenAddress 127.0.0.1
HostKey {tmp_path / 'host_key'}
PidFile {tmp_path / 'sshd.pid'}
AuthorizedKeysFile {keys}/%u
PasswordAuthentication no
KbdInteractiveAuthentication no
StrictModes no
UsePAM no
{max_startups}
{block}""")
        Path("/run/sshd").mkdir(exist_ok=True)
        check = subprocess.run([SSHD, "-t", "-f", str(config)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=open(tmp_path / "sshd.log", "w"))
        time.sleep(0.5)
        yield port, students, data, tmp_path
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
        for folder, mode in reversed(changed):
            folder.chmod(mode)
        for name in students:
            if name in made:
                subprocess.run(["userdel", "-f", "-r", name], capture_output=True)
        if "group" in made:
            subprocess.run(["groupdel", group], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def test_two_students_both_saved_in_the_shared_folder(classroom):
    """The first student used to create progress.db 0644; the second then got
    'attempt to write a readonly database' and nothing of theirs was saved."""
    port, students, data, keys = classroom
    for name in students:                         # one after the other: the first creates the file
        term = Tmux(["ssh", *SSH_OPTS, "-i", str(keys / name), "-p", str(port), f"{name}@127.0.0.1"])
        try:
            assert wait_for(lambda: "Lessons" in term.screen(), timeout=40), term.screen()
            term.keys("Enter")                    # open the first lesson
            assert wait_for(lambda: "page 1/" in term.screen(), timeout=20), term.screen()
            term.keys("Right")
            assert wait_for(lambda: "page 2/" in term.screen(), timeout=20), term.screen()
            screen = term.screen()
            assert "not being saved" not in screen and "readonly" not in screen, screen
            term.keys("q")                        # back to the home screen, where progress shows
            assert wait_for(lambda: "Continue where you left off" in term.screen(), timeout=20), term.screen()
            term.keys("q")
            assert wait_for(lambda: "SESSION-ENDED" in term.screen(), timeout=20), term.screen()
        finally:
            term.close()
    db = data / "progress.db"
    assert db.stat().st_mode & 0o777 == 0o660 and db.stat().st_gid == data.stat().st_gid
    with sqlite3.connect(db) as conn:
        saved = {row[0] for row in conn.execute("SELECT student FROM pages WHERE page = 1")}
    assert saved == set(students)
