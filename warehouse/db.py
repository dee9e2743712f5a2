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
        raise open_error(path, exc) from None
    con.execute("set TimeZone = 'UTC'")
    if not read_only:
        apply_schema(con)
    return con


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    _rekey_github_issues(con)
    for name in SCHEMA_FILES:
        con.execute((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def open_error(path: Path, exc: Exception, what: str = "warehouse") -> OnrampError:
    """Why a DuckDB file would not open, in one line: busy (another process holds its lock),
    corrupt (not a DuckDB file), or the database's own reason."""
    text = str(exc)
    if "Could not set lock" in text or "Conflicting lock" in text:
        return OnrampError(
            f"{path}: busy: another onramp process (a collection or build) has the {what} "
            "open; try again when it ends"
        )
    if "not a valid DuckDB database file" in text or "Corrupt" in text or "corrupt" in text:
        return OnrampError(
            f"{path}: not a readable DuckDB {what} (corrupt, or another kind of file); "
            "move it away and collect again, or run `onramp demo --db` elsewhere"
        )
    return OnrampError(f"{path}: cannot open the {what} ({_first_line(exc)})")


def _rekey_github_issues(con: duckdb.DuckDBPyConnection) -> None:
    """A file made before github_issues was keyed by (repo, number) moves to the new key, once:
    its rows are copied into the table as github.sql now makes it (DuckDB cannot drop a key)."""
    key = fetch_one(
        con,
        "select constraint_column_names from duckdb_constraints() where table_name = "
        "'github_issues' and constraint_type = 'PRIMARY KEY' and schema_name = 'main'",
    )
    if key is None or list(key[0]) != ["id"]:
        return
    con.execute("begin transaction")
    try:
        con.execute("alter table github_issues rename to github_issues__by_id")
        con.execute((SCHEMA_DIR / "github.sql").read_text(encoding="utf-8"))
        con.execute(
            "insert into github_issues by name select * from github_issues__by_id "
            "qualify row_number() over (partition by repo, number order by updated_at desc) = 1"
        )
        con.execute("drop table github_issues__by_id")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def fetch_one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """First row of a query, or None, with the result fully consumed.

    DuckDB 2 streams results: a half-read result blocks `register()` on the same connection.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None
