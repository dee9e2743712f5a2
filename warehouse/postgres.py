"""The raw store on PostgreSQL, shared by many collectors on many machines (`--db postgresql://…`).

The same raw tables as the DuckDB file (warehouse/migrations/postgres, versioned and applied on
first connect), the same keyed upserts (`INSERT … ON CONFLICT … DO UPDATE … WHERE changed`), cursors
saved in the transaction of the rows they cover, the run records and the warehouse facts.

Workers share streams through session advisory locks, one per (project, source): a worker that
cannot take a stream's lock skips it, and a worker that is killed loses its connection and with it
the lock. psycopg (3) is imported here only, so the one-file default needs no PostgreSQL driver.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from core.errors import OnrampError
from core.resources import package_path
from core.settings import redact_url
from warehouse.store import ClosingStore
from warehouse.upsert import (
    _ORDER,
    _STAMP,
    Batch,
    OnSkip,
    StoreError,
    _first_line,
    _to_arrow,
    _with_column,
    keep_storable,
)

MIGRATIONS_DIR: Path = package_path("warehouse", "migrations", "postgres")
_MIGRATION_LOCK = 0x6F6E72616D70  # "onramp": first connects of many workers migrate one at a time
_TEMP = "__onramp_batch"
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def _driver():
    try:
        import psycopg
    except ModuleNotFoundError:
        raise OnrampError(
            "a PostgreSQL raw store needs the PostgreSQL driver: pip install 'onramp[postgres]'"
        ) from None
    return psycopg


def connect(url: str):
    """An autocommit connection to the store, its schema brought up to date; transactions are
    explicit (`commit_batch`), so a session advisory lock outlives them."""
    psycopg = _driver()
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        raise OnrampError(f"{redact_url(url)}: cannot connect ({_first_line(exc)})") from None
    conn.execute("set timezone = 'UTC'")
    try:
        migrate(conn)
    except psycopg.Error as exc:
        conn.close()
        why = _first_line(exc)
        raise OnrampError(f"{redact_url(url)}: cannot apply the schema ({why})") from None
    return conn


def migrations() -> list[tuple[int, str, Path]]:
    """(version, name, file) of every migration, in order: `NNNN_name.sql`."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        number, _, name = path.stem.partition("_")
        found.append((int(number), name, path))
    return found


def migrate(conn) -> list[int]:
    """Apply the migrations this database has not seen, in one transaction; returns their
    versions. Concurrent first connects wait for each other on an advisory lock."""
    applied = []
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", [_MIGRATION_LOCK])
        conn.execute(
            "create table if not exists onramp_migrations (version integer primary key, "
            "name text not null, applied_at timestamptz not null default now())"
        )
        done = {r[0] for r in conn.execute("select version from onramp_migrations").fetchall()}
        for version, name, path in migrations():
            if version in done:
                continue
            conn.execute(path.read_text(encoding="utf-8"))
            conn.execute(
                "insert into onramp_migrations (version, name) values (%s, %s)", [version, name]
            )
            applied.append(version)
    return applied


class PostgresStore(ClosingStore):
    """The raw store on a PostgreSQL database (see warehouse.store.Store)."""

    kind = "postgres"

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = redact_url(url)
        self.conn = connect(url)
        self._columns: dict[str, list[str]] = {}
        self._not_null: dict[str, list[str]] = {}
        self._keys: dict[str, list[str]] = {}
        self._locks: dict[tuple[str, str], int] = {}

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------------ streams between workers

    def claim(self, project: str, source: str, since: datetime | None = None) -> str | None:
        """Take the stream (project, source) for this worker: None, or why another has it."""
        lock = self._lock_id(project, source)
        got = self.conn.execute("select pg_try_advisory_lock(%s)", [lock]).fetchone()[0]
        if not got:
            return "another worker is collecting it"
        if since is not None:
            row = self.conn.execute(
                "select max(finished_at) from collection_runs where project = %s and source = %s "
                "and status in ('ok', 'partial') and finished_at >= %s",
                [project, source, since],
            ).fetchone()
            if row[0] is not None:
                self.conn.execute("select pg_advisory_unlock(%s)", [lock])
                return f"another worker collected it at {row[0]:%H:%M:%S} UTC, during this run"
        # holding the lock, any run of this stream still marked running belongs to a dead worker
        self.conn.execute(
            "update collection_runs set status = 'failed', finished_at = now(), "
            "error = 'the worker stopped before finishing (killed?); the next run resumed it' "
            "where project = %s and source = %s and status = 'running'",
            [project, source],
        )
        self._locks[(project, source)] = lock
        return None

    def release(self, project: str, source: str) -> None:
        lock = self._locks.pop((project, source), None)
        if lock is not None:
            self.conn.execute("select pg_advisory_unlock(%s)", [lock])

    @staticmethod
    def _lock_id(project: str, source: str) -> int:
        import hashlib

        digest = hashlib.sha256(f"onramp stream {source} {project}".encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    # ------------------------------------------------------------------ cursors, runs, facts

    def get_cursor(self, source: str, scope: str) -> tuple[str | None, str | None]:
        row = self.conn.execute(
            "select cursor, etag from sync_state where source = %s and scope = %s", [source, scope]
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_cursor(self, source: str, scope: str, cursor: str | None, etag: str | None = None):
        self.conn.execute(
            "insert into sync_state (source, scope, cursor, etag, updated_at) "
            "values (%s, %s, %s, %s, now()) on conflict (source, scope) do update set "
            "cursor = excluded.cursor, etag = excluded.etag, updated_at = excluded.updated_at",
            [source, scope, cursor, etag],
        )

    def commit_batch(
        self,
        tables: Mapping[str, Batch],
        *,
        run_id: str,
        cursor: tuple[str, str, str | None, str | None] | None = None,
        on_skip: OnSkip | None = None,
    ) -> int:
        """Every table's batch and the cursor, in one transaction."""
        psycopg = _driver()
        with self.conn.transaction():
            rows = 0
            for table, batch in tables.items():
                try:
                    rows += self.upsert(table, batch, run_id=run_id, on_skip=on_skip)
                except psycopg.Error as exc:
                    raise StoreError(f"{table}: {_first_line(exc)}") from None
            if cursor is not None:
                self.set_cursor(*cursor)
        return rows

    def start_run(self, source: str, project: str | None, *, started: datetime) -> str:
        from warehouse.state import new_run_id

        run_id = new_run_id(source, started)
        self.conn.execute(
            "insert into collection_runs (run_id, source, project, started_at, status) "
            "values (%s, %s, %s, %s, 'running')",
            [run_id, source, project, started],
        )
        return run_id

    def finish_run(
        self,
        run_id: str,
        *,
        status: str,
        api_calls: int = 0,
        rows: int = 0,
        skipped: int = 0,
        error: str | None = None,
        points: tuple[int, int | None] | None = None,
    ) -> None:
        used, left = points if points is not None else (None, None)
        self.conn.execute(
            "update collection_runs set finished_at = now(), status = %s, api_calls = %s, "
            "rows_written = %s, skipped = %s, error = %s, points_used = %s, "
            "points_remaining = %s where run_id = %s",
            [status, api_calls, rows, skipped, error, used, left, run_id],
        )

    def get_fact(self, name: str) -> str | None:
        row = self.conn.execute(
            "select value from warehouse_facts where name = %s", [name]
        ).fetchone()
        return row[0] if row else None

    def record_fact_once(self, name: str, value: str) -> str:
        """Record a fact unless one is there; returns the value in force (the first writer's,
        when two workers record at once)."""
        self.conn.execute(
            "insert into warehouse_facts (name, value, recorded_at) values (%s, %s, now()) "
            "on conflict (name) do nothing",
            [name, value],
        )
        return self.get_fact(name)

    def stored_row(self, table: str, key: dict) -> dict | None:
        self._check_name(table, *key)
        where = " and ".join(f'"{column}" = %s' for column in key)
        cursor = self.conn.execute(f'select * from "{table}" where {where}', list(key.values()))
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d.name for d in cursor.description], row, strict=True))

    def fetch_all(self, sql: str, params: list | None = None) -> list[tuple]:
        return self.conn.execute(sql, params or []).fetchall()

    # ------------------------------------------------------------------ upserts

    def upsert(
        self, table: str, batch: Batch, *, run_id: str | None = None, on_skip: OnSkip | None = None
    ) -> int:
        """Insert or update `batch` into `table` (inside the caller's transaction): the rows are
        copied into a temporary table, then merged on the key; unchanged rows are left alone."""
        arrow = _to_arrow(batch, table)
        if arrow.num_rows == 0:
            return 0
        columns = self.columns(table)
        unknown = [c for c in arrow.column_names if c not in columns]
        if unknown:
            raise ValueError(f"{table}: batch has columns the table lacks: {', '.join(unknown)}")
        arrow = keep_storable(table, arrow, self._not_null[table], on_skip)
        if arrow.num_rows == 0:
            return 0
        if run_id is not None and _STAMP in columns:
            arrow = _with_column(arrow, _STAMP, pa.array([run_id] * arrow.num_rows, pa.string()))
        key = self._keys[table]
        names = arrow.column_names
        listed = ", ".join(f'"{c}"' for c in names)
        self.conn.execute(
            f"create temp table {_TEMP} on commit drop as "
            f'select {listed}, 0::bigint as "{_ORDER}" from "{table}" with no data'
        )
        with self.conn.cursor().copy(f'copy {_TEMP} ({listed}, "{_ORDER}") from stdin') as copy:
            values = [arrow[c].to_pylist() for c in names]
            for order, row in enumerate(zip(*values, strict=True)):
                copy.write_row((*row, order))
        self.conn.execute(_merge_sql(table, key, names))
        self.conn.execute(f"drop table {_TEMP}")
        return _distinct_keys(arrow, key)

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            self._check_name(table)
            rows = self.conn.execute(
                "select column_name, is_nullable from information_schema.columns "
                "where table_schema = current_schema() and table_name = %s "
                "order by ordinal_position",
                [table],
            ).fetchall()
            if not rows:
                raise ValueError(f"no raw table named {table!r}")
            key = self.conn.execute(
                "select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid "
                "and a.attnum = any(i.indkey) where i.indrelid = %s::regclass and i.indisprimary "
                "order by array_position(i.indkey, a.attnum)",
                [table],
            ).fetchall()
            self._columns[table] = [r[0] for r in rows]
            self._not_null[table] = [r[0] for r in rows if r[1] == "NO"]
            self._keys[table] = [r[0] for r in key]
        return self._columns[table]

    def primary_key(self, table: str) -> list[str]:
        self.columns(table)
        return self._keys[table]

    @staticmethod
    def _check_name(*names: str) -> None:
        for name in names:
            if not _NAME.match(name):
                raise ValueError(f"not a raw table or column name: {name!r}")


def _merge_sql(table: str, key: list[str], columns: list[str]) -> str:
    keys = ", ".join(f'"{c}"' for c in key)
    listed = ", ".join(f'"{c}"' for c in columns)
    latest = f'select distinct on ({keys}) {listed} from {_TEMP} order by {keys}, "{_ORDER}" desc'
    values = [c for c in columns if c not in key]
    if not values:
        return f'insert into "{table}" ({listed}) {latest} on conflict ({keys}) do nothing'
    assignments = ", ".join(f'"{c}" = excluded."{c}"' for c in values)
    compared = [c for c in values if c != _STAMP]
    changed = (
        " or ".join(f'"{table}"."{c}" is distinct from excluded."{c}"' for c in compared) or "false"
    )
    return (
        f'insert into "{table}" ({listed}) {latest} '
        f"on conflict ({keys}) do update set {assignments} where {changed}"
    )


def _distinct_keys(arrow: pa.Table, key: list[str]) -> int:
    if len(key) == 1:
        return len(pc.unique(arrow[key[0]]))
    return arrow.select(key).group_by(key).aggregate([]).num_rows
