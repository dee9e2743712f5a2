"""Bulk upserts of a batch (Arrow table, DataFrame or list of dicts), keyed on the primary key.

One SQL statement per batch, never row by row. A row whose values are unchanged is left alone, run
stamp included, so loading the same batch twice changes nothing.

A row the table cannot hold (a null where the schema says NOT NULL) is left out and handed to
`on_skip`, so one odd record never costs the batch; a statement that still fails raises StoreError
with the database's own reason (constraint, table, column), not what the aborted transaction says
afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from warehouse.db import fetch_one

Batch = pa.Table | pd.DataFrame | list[dict]
_STAMP = "run_id"
_ORDER = "__onramp_batch_order"
# (table, the row as a dict, why) for each row left out of a batch
OnSkip = Callable[[str, dict, str], None]


class StoreError(Exception):
    """A batch the warehouse refused: the message names the table and the database's reason."""


def upsert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    batch: Batch,
    *,
    run_id: str | None = None,
    on_skip: OnSkip | None = None,
) -> int:
    """Insert or update `batch` into `table`; returns the number of distinct keys in the batch."""
    arrow = _to_arrow(batch, table)
    if arrow.num_rows == 0:
        return 0
    columns = table_columns(con, table)
    unknown = [c for c in arrow.column_names if c not in columns]
    if unknown:
        raise ValueError(f"{table}: batch has columns the table lacks: {', '.join(unknown)}")
    arrow = _storable(con, table, arrow, on_skip)
    if arrow.num_rows == 0:
        return 0
    if run_id is not None and _STAMP in columns:
        arrow = _with_column(arrow, _STAMP, pa.array([run_id] * arrow.num_rows, pa.string()))
    arrow = arrow.append_column(_ORDER, pa.array(range(arrow.num_rows), pa.int64()))
    key = primary_key(con, table)
    con.register("__onramp_batch", arrow)
    try:
        con.execute(_upsert_sql(table, key, [c for c in arrow.column_names if c != _ORDER]))
        sql = f"select count(*) from (select distinct {', '.join(key)} from __onramp_batch)"
        return fetch_one(con, sql)[0]
    except duckdb.Error as exc:
        raise StoreError(f"{table}: {_first_line(exc)}") from None
    finally:
        # inside a transaction the failure aborted, this cleanup fails too: its error would hide
        # the real one, and the caller's rollback drops the registration anyway
        with suppress(duckdb.Error):
            con.unregister("__onramp_batch")


def _storable(
    con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table, on_skip: OnSkip | None
) -> pa.Table:
    """The rows with a value in every NOT NULL column the batch carries; the others go to
    `on_skip` (or, without one, fail the batch with the column named)."""
    return keep_storable(table, arrow, not_null_columns(con, table), on_skip)


def keep_storable(
    table: str, arrow: pa.Table, not_null: list[str], on_skip: OnSkip | None
) -> pa.Table:
    """`_storable` for any store: `not_null` names the table's NOT NULL columns."""
    required = [c for c in not_null if c in arrow.column_names]
    if not required:
        return arrow
    missing = None
    for column in required:
        nulls = pc.is_null(arrow[column])
        missing = nulls if missing is None else pc.or_(missing, nulls)
    if not pc.any(missing).as_py():
        return arrow
    bad = arrow.filter(missing)
    for row in bad.to_pylist():
        empty = next(c for c in required if row.get(c) is None)
        why = f"no {empty} (NOT NULL in {table})"
        if on_skip is None:
            raise StoreError(f"{table}: {why}")
        on_skip(table, row, why)
    return arrow.filter(pc.invert(missing))


def not_null_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from duckdb_columns() where table_name = ? and schema_name = 'main' "
        "and not is_nullable order by column_index",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _upsert_sql(table: str, key: list[str], columns: list[str]) -> str:
    values = [c for c in columns if c not in key]
    compared = [c for c in values if c != _STAMP]
    keys = ", ".join(key)
    latest = (
        f"select {', '.join(columns)} from __onramp_batch "
        f"qualify row_number() over (partition by {keys} order by {_ORDER} desc) = 1"
    )
    if not values:
        return f"insert into {table} by name {latest} on conflict ({keys}) do nothing"
    assignments = ", ".join(f"{c} = excluded.{c}" for c in values)
    changed = " or ".join(f"{table}.{c} is distinct from excluded.{c}" for c in compared) or "false"
    return (
        f"insert into {table} by name {latest} "
        f"on conflict ({keys}) do update set {assignments} where {changed}"
    )


def _to_arrow(batch: Batch, table: str) -> pa.Table:
    if isinstance(batch, pa.Table):
        return batch
    try:
        if isinstance(batch, pd.DataFrame):
            return pa.Table.from_pandas(batch, preserve_index=False)
        return pa.Table.from_pylist(list(batch))
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise StoreError(f"{table}: a value of the wrong type ({_first_line(exc)})") from None


def _with_column(arrow: pa.Table, name: str, values: pa.Array) -> pa.Table:
    if name in arrow.column_names:
        return arrow.set_column(arrow.column_names.index(name), name, values)
    return arrow.append_column(name, values)


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from duckdb_columns() where table_name = ? and schema_name = 'main' "
        "order by column_index",
        [table],
    ).fetchall()
    if not rows:
        raise ValueError(f"no raw table named {table!r}")
    return [r[0] for r in rows]


def primary_key(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    row = fetch_one(
        con,
        "select constraint_column_names from duckdb_constraints() "
        "where table_name = ? and constraint_type = 'PRIMARY KEY' and schema_name = 'main'",
        [table],
    )
    if row is None:
        raise ValueError(f"{table}: no primary key, cannot upsert")
    return list(row[0])


def stored_row(con: duckdb.DuckDBPyConnection, table: str, key: dict) -> dict | None:
    """The row of raw `table` with the given key columns, as a dict, or None."""
    where = " and ".join(f'"{column}" = ?' for column in key)
    cursor = con.execute(f'select * from "{table}" where {where}', list(key.values()))
    rows = cursor.fetchall()
    if not rows:
        return None
    return dict(zip([d[0] for d in cursor.description], rows[0], strict=True))
