"""Facts about the warehouse itself (`warehouse_facts`): the pseudonym key's fingerprint."""

from __future__ import annotations

import duckdb

from warehouse.db import fetch_one
from warehouse.state import now

PSEUDONYM_KEY_FINGERPRINT = "pseudonym_key_fingerprint"


def get_fact(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    row = fetch_one(con, "select value from warehouse_facts where name = ?", [name])
    return row[0] if row else None


def record_fact(con: duckdb.DuckDBPyConnection, name: str, value: str) -> None:
    con.execute(
        "insert or replace into warehouse_facts (name, value, recorded_at) values (?, ?, ?)",
        [name, value, now()],
    )
