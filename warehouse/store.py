"""The raw store behind one interface: the DuckDB file (the default) or a PostgreSQL database.

What collection needs from a store — cursors, batches committed with their cursor, run records,
warehouse facts, stored rows, and a claim on a stream — is the same on both, so the orchestrator,
and through it every collector, never knows which one it writes to.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Protocol

import duckdb

from core.settings import is_postgres_url
from warehouse import facts, state
from warehouse.upsert import Batch, OnSkip, stored_row


class Store(Protocol):
    kind: str  # duckdb | postgres
    name: str  # the file, or the URL without its password

    def claim(self, project: str, source: str, since: datetime | None = None) -> str | None: ...
    def release(self, project: str, source: str) -> None: ...
    def get_cursor(self, source: str, scope: str) -> tuple[str | None, str | None]: ...
    def commit_batch(
        self,
        tables: Mapping[str, Batch],
        *,
        run_id: str,
        cursor: tuple[str, str, str | None, str | None] | None = None,
        on_skip: OnSkip | None = None,
    ) -> int: ...
    def start_run(self, source: str, project: str | None, *, started: datetime) -> str: ...
    def finish_run(self, run_id: str, **outcome) -> None: ...
    def get_fact(self, name: str) -> str | None: ...
    def record_fact_once(self, name: str, value: str) -> str: ...
    def stored_row(self, table: str, key: dict) -> dict | None: ...
    def close(self) -> None: ...


class ClosingStore:
    """A store used as a context manager: leaving the `with` block closes it."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class DuckDBStore(ClosingStore):
    """The raw store in one DuckDB file: one writer at a time, so every claim succeeds (a second
    process cannot open the file at all)."""

    kind = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str = "the warehouse") -> None:
        self.con, self.name = con, name

    def claim(self, project: str, source: str, since: datetime | None = None) -> str | None:
        return None

    def release(self, project: str, source: str) -> None:
        pass

    def get_cursor(self, source: str, scope: str) -> tuple[str | None, str | None]:
        return state.get_cursor(self.con, source, scope)

    def commit_batch(self, tables, *, run_id, cursor=None, on_skip=None) -> int:
        return state.commit_batch(self.con, tables, run_id=run_id, cursor=cursor, on_skip=on_skip)

    def start_run(self, source: str, project: str | None, *, started: datetime) -> str:
        return state.start_run(self.con, source, project, started=started)

    def finish_run(self, run_id: str, **outcome) -> None:
        state.finish_run(self.con, run_id, **outcome)

    def get_fact(self, name: str) -> str | None:
        return facts.get_fact(self.con, name)

    def record_fact_once(self, name: str, value: str) -> str:
        recorded = facts.get_fact(self.con, name)
        if recorded is None:
            facts.record_fact(self.con, name, value)
            return value
        return recorded

    def stored_row(self, table: str, key: dict) -> dict | None:
        return stored_row(self.con, table, key)

    def close(self) -> None:
        self.con.close()


def open_store(target: str | Path):
    """The raw store at `target`: a PostgreSQL URL, or a DuckDB file (created when missing)."""
    if isinstance(target, str) and is_postgres_url(target):
        from warehouse.postgres import PostgresStore

        return PostgresStore(target)
    from warehouse.db import connect

    return DuckDBStore(connect(target), str(target))


def as_store(con_or_store) -> Store:
    """A store from what a caller holds: a DuckDB connection (wrapped) or a store already."""
    if isinstance(con_or_store, duckdb.DuckDBPyConnection):
        return DuckDBStore(con_or_store)
    return con_or_store
