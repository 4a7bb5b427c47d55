"""The class's progress database as a server hands it to each student's app (`--db URL`).

The URL goes to the app in $DLTUTOR_DB, never on its command line (`ps` shows a command
line, password and all, to every user of the machine), with libpq's own PG* settings
of the server (PGPASSFILE, PGSSLMODE, …): the app runs with a minimal environment.
"""
from __future__ import annotations

import os
from pathlib import Path

from tutor.progress.location import ENV, BadLocation, is_postgres, missing_driver, resolve, shown


def database_env(db: str | None) -> dict[str, str]:
    """What a student's app needs in its environment to reach `db` (nothing for the data folder's file)."""
    if not db:
        return {}
    env = {ENV: db}
    if is_postgres(db):
        env.update({k: v for k, v in os.environ.items() if k.startswith("PG")})
    return env


def check_database(db: str | None, data_dir: Path) -> str | None:
    """Why the server cannot start with `db` (None: it can).  PostgreSQL is opened once here:
    tables are made or migrated before any student arrives, and a wrong URL is said now."""
    if db is None:
        return None
    try:
        where = resolve(db, data_dir)
    except BadLocation as exc:
        return str(exc)
    if not isinstance(where, str):
        return None
    if missing_driver():
        return missing_driver()
    from tutor.progress import Store

    store = Store(where)
    try:
        return None if store.saving else f"cannot use the progress database: {store.reason}"
    finally:
        store.close()


def progress_in(db: str | None) -> str:
    """For the server's first line: where progress goes, if not the data folder (password hidden)."""
    return f", progress in {shown(db)}" if db else ""
