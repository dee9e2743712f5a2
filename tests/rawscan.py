"""After a collection: no raw column may hold a stringified object (a dict or list turned into
its Python or JSON text), the sign of a people field or a value stored in the wrong shape."""

from __future__ import annotations

import duckdb

# how str() of a dict or list, a JSON object, or a struct cast to text begins
_LOOKS_LIKE = ("{'", '{"', "[{", "['", '["')
# bookkeeping whose values are JSON by design (the Hub's cursors)
_NOT_RAW = ("sync_state", "warehouse_facts")


def stringified_objects(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text value of a raw table that looks like an object."""
    columns = con.execute(
        "select table_name, column_name from duckdb_columns() "
        "where schema_name = 'main' and data_type = 'VARCHAR' and table_name not in (?, ?)",
        list(_NOT_RAW),
    ).fetchall()
    found = []
    for table, column in columns:
        where = " or ".join(f'starts_with(ltrim("{column}"), ?)' for _ in _LOOKS_LIKE)
        rows = con.execute(
            f'select "{column}" from "{table}" where {where} limit 3', list(_LOOKS_LIKE)
        ).fetchall()
        found += [(table, column, r[0]) for r in rows]
    return found
