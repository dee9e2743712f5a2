"""Sync cursors and the record of collection runs.

A cursor moves only after the rows it covers are committed: callers upsert the batch and save the
cursor in one transaction (`commit_batch`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

import duckdb

from warehouse.db import fetch_one
from warehouse.upsert import Batch, OnSkip, upsert


def now() -> datetime:
    return datetime.now(UTC)


def get_cursor(
    con: duckdb.DuckDBPyConnection, source: str, scope: str
) -> tuple[str | None, str | None]:
    """(cursor, etag) saved for a stream, or (None, None) when it was never collected."""
    row = fetch_one(
        con, "select cursor, etag from sync_state where source = ? and scope = ?", [source, scope]
    )
    return (row[0], row[1]) if row else (None, None)


def set_cursor(
    con: duckdb.DuckDBPyConnection,
    source: str,
    scope: str,
    cursor: str | None,
    etag: str | None = None,
) -> None:
    con.execute(
        "insert or replace into sync_state (source, scope, cursor, etag, updated_at) "
        "values (?, ?, ?, ?, ?)",
        [source, scope, cursor, etag, now()],
    )


def commit_batch(
    con: duckdb.DuckDBPyConnection,
    tables: Mapping[str, Batch],
    *,
    run_id: str,
    cursor: tuple[str, str, str | None, str | None] | None = None,
    on_skip: OnSkip | None = None,
) -> int:
    """Upsert every table's batch and, in the same transaction, move the cursor. Returns rows.
    Rows a table cannot hold go to `on_skip` (see warehouse.upsert); the rest are stored."""
    con.execute("begin transaction")
    try:
        rows = sum(
            upsert(con, table, batch, run_id=run_id, on_skip=on_skip)
            for table, batch in tables.items()
        )
        if cursor is not None:
            set_cursor(con, *cursor)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return rows


def new_run_id(source: str, started: datetime) -> str:
    return f"{source}-{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def start_run(
    con: duckdb.DuckDBPyConnection,
    source: str,
    project: str | None,
    *,
    started: datetime | None = None,
) -> str:
    started = started or now()
    run_id = new_run_id(source, started)
    con.execute(
        "insert into collection_runs (run_id, source, project, started_at, status) "
        "values (?, ?, ?, ?, 'running')",
        [run_id, source, project, started],
    )
    return run_id


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    status: str,
    api_calls: int = 0,
    rows: int = 0,
    skipped: int = 0,
    error: str | None = None,
    points: tuple[int, int | None] | None = None,
) -> None:
    con.execute(
        "update collection_runs set finished_at = ?, status = ?, api_calls = ?, rows_written = ?, "
        "skipped = ?, error = ? where run_id = ?",
        [now(), status, api_calls, rows, skipped, error, run_id],
    )
    if points is not None:  # (used, left) GraphQL points; runs that spent none leave them null
        con.execute(
            "update collection_runs set points_used = ?, points_remaining = ? where run_id = ?",
            [*points, run_id],
        )
