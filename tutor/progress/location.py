"""Where progress is kept: `--db URL`, `$DLTUTOR_DB`, else the SQLite file in the data folder.

    sqlite:///srv/class/progress.db     a SQLite file (an absolute path after sqlite://)
    sqlite:progress.db                  a SQLite file, relative to the current folder
    postgresql://user@host:5432/dltutor PostgreSQL (libpq's URL; postgres:// too)

A password belongs in ~/.pgpass or $PGPASSFILE rather than in the URL: a
command line is visible to every user of the machine.  `shown(url)` is the URL
with any password hidden, for messages and logs.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ENV = "DLTUTOR_DB"
POSTGRES = ("postgresql://", "postgres://")


class BadLocation(ValueError):
    """--db that is neither sqlite:… nor postgresql://…"""


def is_postgres(where: object) -> bool:
    return isinstance(where, str) and where.strip().lower().startswith(POSTGRES)


def resolve(db: str | None, data_dir: str | os.PathLike | None = None) -> str | Path:
    """The database to open: a Path (SQLite) or a postgresql:// URL.  `db` is --db (None: $DLTUTOR_DB,
    else progress.db in the data folder, see default_path)."""
    from tutor.progress import FILE_NAME, default_path

    text = db if db is not None else os.environ.get(ENV) or None
    if text is None:
        return default_path(data_dir)
    text = text.strip()
    if is_postgres(text):
        return text
    if text.lower().startswith("sqlite:"):
        rest = text[len("sqlite:"):]
        if rest.startswith("//"):
            rest = rest[2:]
            if not rest.startswith("/"):
                raise BadLocation(f"{shown(text)}: after sqlite:// comes an absolute path, as in "
                                  "sqlite:///srv/class/progress.db (or sqlite:relative/path.db)")
        if not rest:
            raise BadLocation("sqlite: needs a path, as in sqlite:///srv/class/progress.db")
        path = Path(rest).expanduser()
        return path / FILE_NAME if path.is_dir() else path
    raise BadLocation(f"--db {shown(text)!s}: give sqlite:///PATH or postgresql://USER@HOST/DATABASE")


def missing_driver() -> str | None:
    """Why a postgresql:// URL cannot be used in this installation (None: it can)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "PostgreSQL needs psycopg 3, which is not installed: pip install 'dltutor[serve]'"
    return None


def shown(where: str | os.PathLike) -> str:
    """`where` for a message: a URL's password replaced by ***."""
    text = str(where)
    if not is_postgres(text):
        return text
    try:
        parts = urlsplit(text)
        if parts.password is None:
            return _hide_query_password(text)
        user = parts.username or ""
        host = parts.netloc.rpartition("@")[2]
        return _hide_query_password(urlunsplit(parts._replace(netloc=f"{user}:***@{host}")))
    except ValueError:
        return "postgresql://…"


def _hide_query_password(text: str) -> str:
    return re.sub(r"(?i)([?&]password=)[^&]*", r"\1***", text)
