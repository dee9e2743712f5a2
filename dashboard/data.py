"""The dashboard's only way to the data: one cached, read-only attachment of the published file,
re-attached when a new build is published (keyed on the file's inode and mtime)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from core.settings import resolve_paths


def published_file() -> Path:
    """Read at call time: tests and `onramp serve` set ONRAMP_PUBLISHED (or ONRAMP_DB) before
    the app runs."""
    return resolve_paths().published_db


def _version(path: Path) -> tuple[int, int]:
    stat = os.stat(path)
    return (stat.st_ino, stat.st_mtime_ns)


@st.cache_resource(max_entries=1, on_release=lambda con: con.close())
def _attach(path: str, version: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    con.execute(f"attach '{path.replace(chr(39), chr(39) * 2)}' as wh (read_only)")
    return con


@st.cache_data(ttl=300, show_spinner=False, max_entries=512)
def _query(sql: str, params: tuple, path: str, version: tuple[int, int]) -> pd.DataFrame:
    cursor = _attach(path, version).cursor()  # a cursor per query: connections are not thread-safe
    try:
        _utc(cursor)
        return cursor.execute(sql, list(params)).df()
    finally:
        cursor.close()


def query(sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run fixed page SQL (with ? parameters) against the marts of the published warehouse."""
    path = published_file()
    return _query(sql, tuple(params), str(path), _version(path))


def is_published() -> bool:
    return published_file().exists()


def published_version() -> tuple[str, tuple[int, int]]:
    """The published file and its version: a cache key for anything built from the marts."""
    path = published_file()
    return str(path), _version(path)


@contextmanager
def cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the marts, for code that runs its own fixed SQL on them (the digest)."""
    path = published_file()
    con = _attach(str(path), _version(path)).cursor()
    try:
        _utc(con)
        yield con
    finally:
        con.close()


def _utc(cursor: duckdb.DuckDBPyConnection) -> None:
    """A cursor starts in the machine's time zone, not its connection's: months and days are UTC."""
    cursor.execute("set TimeZone = 'UTC'")
    cursor.execute("use wh")
