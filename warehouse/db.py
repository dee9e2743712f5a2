"""Opening the raw warehouse: one DuckDB file, schema applied, months in UTC."""

from __future__ import annotations

from pathlib import Path

import duckdb

from core.errors import OnrampError
from warehouse.paths import SCHEMA_DIR

SCHEMA_FILES = ("core.sql", "github.sql", "hub.sql", "discord.sql", "slack.sql")


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the raw warehouse, creating it and its tables when missing."""
    path = Path(path)
    if read_only and not path.exists():
        raise OnrampError(f"{path}: no warehouse yet; run `onramp collect` or `onramp demo` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        raise OnrampError(f"{path}: cannot open the warehouse ({_first_line(exc)})") from None
    con.execute("set TimeZone = 'UTC'")
    if not read_only:
        apply_schema(con)
    return con


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    for name in SCHEMA_FILES:
        con.execute((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def fetch_one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """First row of a query, or None, with the result fully consumed.

    DuckDB 2 streams results: a half-read result blocks `register()` on the same connection.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None
