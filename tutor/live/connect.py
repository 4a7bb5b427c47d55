"""open_link(where): the live tables of the class at `where`, on SQLite or PostgreSQL."""
from __future__ import annotations

from pathlib import Path

from tutor.live.link import Link, SQLiteLink


def open_link(where: str | Path) -> Link:
    """`where` as the progress store has it: a SQLite path or a postgresql:// URL."""
    from tutor.progress.location import is_postgres

    if is_postgres(where):
        from tutor.live.pg import PgLink  # psycopg only when a class is in PostgreSQL

        return PgLink(str(where))
    return SQLiteLink(Path(where))
