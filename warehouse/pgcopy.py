"""Copying a PostgreSQL raw store into DuckDB through Arrow, for `build` and the commands that read
raw tables (status, identities suggest): the SQL models and queries then run on DuckDB as they do
on the one-file store, unchanged.

Two readers are kept, one used: ADBC's PostgreSQL driver (libpq's binary COPY decoded in C straight
into Arrow record batches) and psycopg's binary COPY (decoded row by row in Python).
`bench/pg_build.py` measures both; ADBC is the one `build` uses (README, "Scale out").
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from core.errors import OnrampError
from core.settings import redact_url
from warehouse.db import apply_schema, connect
from warehouse.upsert import _first_line

READERS = ("adbc", "psycopg")
_BATCH_ROWS = 100_000


def raw_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The raw tables of the schema (in a DuckDB connection that has it applied)."""
    rows = con.execute(
        "select table_name from duckdb_tables() where schema_name = 'main' and "
        "database_name = current_database() order by 1"
    ).fetchall()
    return [r[0] for r in rows]


def copy_raw(
    url: str,
    con: duckdb.DuckDBPyConnection,
    tables: Iterable[str] | None = None,
    *,
    reader: str = "adbc",
) -> dict[str, int]:
    """Create the raw schema in `con` and fill `tables` (default: all) from the store at `url`;
    returns rows per table. One snapshot: every table is read in one repeatable-read transaction,
    so rows and the cursors that cover them are seen together."""
    from warehouse.postgres import connect as pg_connect

    pg_connect(url).close()  # an older store's schema brought up to date before reading it
    apply_schema(con)
    con.execute("select 1").fetchall()  # DuckDB streams results: finish the DDL's before register
    wanted = sorted(set(tables) if tables is not None else raw_tables(con))
    read = {"adbc": _read_adbc, "psycopg": _read_psycopg}[reader]
    counts = {}
    for table, batches in read(url, wanted):
        counts[table] = _insert(con, table, batches)
    return counts


def copy_to_file(url: str, path: Path, *, reader: str = "adbc") -> dict[str, int]:
    """The whole raw store as a DuckDB raw file at `path` (replaced), for a build."""
    path.unlink(missing_ok=True)
    with connect(path) as con:
        counts = copy_raw(url, con, reader=reader)
        con.execute("checkpoint")
    return counts


def snapshot(url: str, tables: Iterable[str]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB holding `tables` of the store: for the commands that read raw rows."""
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    copy_raw(url, con, tables)
    return con


def _insert(con: duckdb.DuckDBPyConnection, table: str, reader: pa.RecordBatchReader) -> int:
    con.register("__onramp_pg", reader)
    try:
        con.execute(f'insert into "{table}" by name select * from __onramp_pg').fetchall()
    finally:
        con.unregister("__onramp_pg")
    return con.execute(f'select count(*) from "{table}"').fetchall()[0][0]


def _read_adbc(url: str, tables: list[str]):
    try:
        import adbc_driver_postgresql.dbapi as adbc
    except ModuleNotFoundError:
        raise OnrampError(
            "building from a PostgreSQL store needs its Arrow driver: "
            "pip install 'onramp[postgres]'"
        ) from None
    try:
        conn = adbc.connect(url)
    except Exception as exc:  # the driver's own error classes
        raise OnrampError(f"{redact_url(url)}: cannot connect ({_first_line(exc)})") from None
    with conn:
        cur = conn.cursor()
        cur.execute("set transaction isolation level repeatable read")
        for table in tables:
            cur.execute(f'select * from "{table}"')
            yield table, cur.fetch_record_batch()
        conn.rollback()  # read only


def _read_psycopg(url: str, tables: list[str]):
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("set transaction isolation level repeatable read")
        for table in tables:
            columns = conn.execute(
                "select column_name, udt_name from information_schema.columns where "
                "table_schema = current_schema() and table_name = %s order by ordinal_position",
                [table],
            ).fetchall()
            names = [c[0] for c in columns]
            types = [_PG_TYPES[c[1]] for c in columns]
            yield (
                table,
                pa.RecordBatchReader.from_batches(
                    pa.schema([pa.field(n, t) for n, t in zip(names, types, strict=True)]),
                    _copy_batches(conn, table, names, types, [c[1] for c in columns]),
                ),
            )


def _copy_batches(conn, table: str, names: list[str], types: list, udt: list[str]):
    listed = ", ".join(f'"{n}"' for n in names)
    sql = f'copy (select {listed} from "{table}") to stdout (format binary)'
    with conn.cursor().copy(sql) as cp:
        cp.set_types([u.removeprefix("_") + "[]" if u.startswith("_") else u for u in udt])
        rows = []
        for row in cp.rows():
            rows.append(row)
            if len(rows) == _BATCH_ROWS:
                yield _batch(rows, names, types)
                rows = []
        if rows:
            yield _batch(rows, names, types)


def _batch(rows: list[tuple], names: list[str], types: list) -> pa.RecordBatch:
    columns = list(zip(*rows, strict=True))
    return pa.record_batch(
        [pa.array(col, type=t) for col, t in zip(columns, types, strict=True)], names=names
    )


_PG_TYPES = {
    "text": pa.string(),
    "int4": pa.int32(),
    "int8": pa.int64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "float8": pa.float64(),
    "timestamptz": pa.timestamp("us", tz="UTC"),
    "_text": pa.list_(pa.string()),
}
