"""Reading the published warehouse (the marts) from the command line."""

from __future__ import annotations

from pathlib import Path

import duckdb

from core.errors import OnrampError
from warehouse.db import open_error


def open_published(path: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the published file attached read-only as `wh`.

    Attaching (rather than connecting to the file) never takes the file's write lock and never
    reuses a cached instance holding an older published file.
    """
    if not path.exists():
        raise OnrampError(
            f"{path}: nothing published yet; run `onramp build` (or `onramp demo`) first"
        )
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    try:
        con.execute(f"attach '{str(path).replace(chr(39), chr(39) * 2)}' as wh (read_only)")
        con.execute("use wh")
        con.execute("select count(*) from duckdb_tables() where database_name = 'wh'").fetchall()
    except duckdb.Error as exc:
        con.close()
        raise open_error(path, exc, "published warehouse") from None
    return con


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from duckdb_tables() where database_name = 'wh' "
        "and regexp_matches(table_name, '^(fct|dim)_') order by 1"
    ).fetchall()
    return [r[0] for r in rows]
