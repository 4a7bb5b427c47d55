"""Writes PostgreSQL has not got yet, kept on disk too, so quitting (or being cut off) during an
outage loses nothing.

While the database is away each kept write is also appended, one JSON line, to
`<data folder>/unsent/<database>-<pid>-<n>.jsonl` (0600 in a 0700 folder: it holds
answers).  The file is removed once the database has everything.  A store that
connects replays every file left for the same database (host, port, name) by a
process that ended — claimed by renaming it first, so two never replay one; writes are
idempotent (ops.py), so one replayed twice still counts once.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Iterator

from tutor.progress.ops import OPS, Write

log = logging.getLogger("dltutor.progress")
FOLDER = "unsent"


def database_key(params: dict) -> str:
    """Which database (not which user or password): a short name for the journal's files."""
    where = "|".join(str(params.get(k, "")) for k in ("host", "hostaddr", "port", "dbname"))
    return hashlib.sha256(where.encode()).hexdigest()[:16]


class Journal:
    def __init__(self, data_dir: Path, key: str) -> None:
        self.folder = Path(data_dir) / FOLDER
        self.key = key
        self._n = 0
        self.path: Path | None = None       # this process's file while writes are kept

    def keep(self, write: Write) -> bool:
        """Append one kept write; False if the disk refuses too (it is still kept in memory)."""
        try:
            if self.path is None:
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                self._n += 1
                self.path = self.folder / f"{self.key}-{os.getpid()}-{self._n}.jsonl"
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as out:
                out.write(json.dumps([write.op, list(write.args)], ensure_ascii=False) + "\n")
            return True
        except (OSError, TypeError, ValueError) as exc:
            log.warning("cannot keep a write on disk: %s", exc)
            return False

    def done(self) -> None:
        """The database has every kept write: forget the file."""
        if self.path is not None:
            try:
                self.path.unlink()
            except OSError:
                pass
            self.path = None

    def left_behind(self) -> Iterator[tuple[Path, list[Write]]]:
        """Files other processes left for this database, each claimed (renamed) before it is read.
        The caller removes a claimed file once its writes are in, or calls `give_back`."""
        try:
            files = sorted(self.folder.glob(f"{self.key}-*.jsonl"))
        except OSError:
            return
        for path in files:
            if _alive(path):
                continue
            claimed = path.with_name(f"{path.name}.{os.getpid()}.claimed")
            try:
                os.rename(path, claimed)
            except OSError:
                continue                                # another store got there first
            yield claimed, _read(claimed)

    @staticmethod
    def give_back(claimed: Path) -> None:
        try:
            os.rename(claimed, claimed.with_name(claimed.name.rsplit(".", 2)[0]))
        except OSError:
            pass


def _alive(path: Path) -> bool:
    """Its process still runs (this one included): that process writes these itself."""
    try:
        pid = int(path.stem.split("-")[1])
    except (IndexError, ValueError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read(path: Path) -> list[Write]:
    writes = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    for line in lines:
        try:                                            # a line cut off by a crash is skipped
            op, args = json.loads(line)
            if op in OPS and isinstance(args, list):
                writes.append(Write(op, tuple(args)))
        except (ValueError, TypeError):
            continue
    return writes
