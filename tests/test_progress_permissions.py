"""Who may read and write progress.db.

Before: the data folder was made 0755 and progress.db 0644 (umask 022), so
any local user read every answer — and in the school-OpenSSH route's shared
folder (chmod 2770) every student after the first got "attempt to write a
readonly database".  Now: private 0700/0600, or 0660 in a folder shared on
purpose (setgid or group-writable), for the -wal and -shm files too.
Two real accounts through sshd: tests/serve/test_openssh_route.py.
"""
from __future__ import annotations

import os

import pytest

from tutor.progress import Store, shared_folder


@pytest.fixture(autouse=True)
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def modes(folder) -> dict[str, int]:
    return {p.name: p.stat().st_mode & 0o777 for p in folder.iterdir() if p.name.startswith("progress.db")}


def use(folder) -> dict[str, int]:
    """Open a store, write, and report the modes while the -wal and -shm exist."""
    with Store(folder / "progress.db") as store:
        store.record_answer("ann", "l", "q", "secret answer", "right", True)
        assert store.saving
        return modes(folder)


def test_a_new_folder_and_file_are_private(tmp_path):
    folder = tmp_path / "new" / "data"
    found = use(folder)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert found == {"progress.db": 0o600, "progress.db-wal": 0o600, "progress.db-shm": 0o600}


@pytest.mark.parametrize("mode", [0o2770, 0o770, 0o2750])
def test_a_folder_shared_with_a_group_gets_group_writable_files(tmp_path, mode):
    folder = tmp_path / "class"
    folder.mkdir()
    folder.chmod(mode)
    assert shared_folder(folder)
    assert use(folder) == {"progress.db": 0o660, "progress.db-wal": 0o660, "progress.db-shm": 0o660}


@pytest.mark.parametrize("mode", [0o755, 0o700, 0o1777])
def test_other_folders_get_private_files(tmp_path, mode):
    folder = tmp_path / "mine"
    folder.mkdir()
    folder.chmod(mode)
    assert not shared_folder(folder)                 # world-writable (/tmp) is not a group on purpose
    assert use(folder) == {"progress.db": 0o600, "progress.db-wal": 0o600, "progress.db-shm": 0o600}


def test_a_file_an_older_version_left_readable_is_made_private(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    with Store(folder / "progress.db") as store:
        store.page_seen("ann", "l", 0)
    (folder / "progress.db").chmod(0o644)
    assert use(folder)["progress.db"] == 0o600


def test_a_file_an_older_version_left_0644_in_a_shared_folder_is_opened_to_the_group(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    with Store(folder / "progress.db") as store:
        store.page_seen("ann", "l", 0)
    (folder / "progress.db").chmod(0o644)
    folder.chmod(0o2770)
    assert use(folder)["progress.db"] == 0o660
