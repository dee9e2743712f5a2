"""Run the SQL models into a new file and publish it by atomic rename.

The dashboard attaches the published file read-only; a build never touches it until the rename, so a
reader sees the old file or the new one, never a half-built one (DESIGN.md §1).
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.errors import OnrampError
from core.identities import NO_IDENTITIES, Identities, check_projects, conflicts
from core.registry import Registry
from warehouse.db import connect
from warehouse.identity_tables import write_identities
from warehouse.models import build_order, load_macros, load_models
from warehouse.paths import MODELS_DIR
from warehouse.registry_tables import write_registry

MART_PREFIXES = ("fct_", "dim_")


@dataclass(frozen=True)
class BuildResult:
    published: Path
    models: list[str]
    seconds: float


def build(
    raw_path: Path,
    published: Path,
    registry: Registry,
    *,
    identities: Identities = NO_IDENTITIES,
    identities_provenance: str = "file",
    models_root: Path = MODELS_DIR,
) -> BuildResult:
    """Run every model into a new file and publish its marts."""
    started = time.perf_counter()
    check_identities(identities, registry)
    if not raw_path.exists():
        raise OnrampError(
            f"{raw_path}: no warehouse yet; run `onramp collect` or `onramp demo` first"
        )
    connect(raw_path).close()  # brings an older raw file's schema up to date before reading it
    models = load_models(models_root)
    order = build_order(models)
    # the build file's catalog is named after its file: keep it clear of `raw`, which models read
    building = published.with_name(f"_onramp_build_{os.getpid()}.duckdb")
    building.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(building)) as con:
            prepare(con, raw_path, registry, identities, identities_provenance, models_root)
            for name in order:
                run_model(con, models[name])
            con.execute("detach raw")
            _drop_non_marts(con)
            con.execute("checkpoint")
        os.replace(building, published)
    finally:
        building.unlink(missing_ok=True)
    return BuildResult(published, order, time.perf_counter() - started)


def check_identities(identities: Identities, registry: Registry | None = None) -> None:
    """An id claimed twice would count one person as two, or two as one: no build. Nor does an
    organisation's `projects` that names no project of the registry."""
    if registry is not None:
        check_projects(identities, {p.id for p in registry.projects})
    problems = conflicts(identities, git_name_key)
    if problems:
        more = f" (and {len(problems) - 1} more; see `onramp identities check`)"
        raise OnrampError(problems[0] + (more if len(problems) > 1 else ""))


def prepare(
    con: duckdb.DuckDBPyConnection,
    raw_path: Path | None,
    registry: Registry,
    identities: Identities = NO_IDENTITIES,
    identities_provenance: str = "file",
    models_root: Path = MODELS_DIR,
) -> None:
    """What every model may read before the first runs: the raw file attached read-only as `raw`
    (None: the connection holds `raw` already), the registry and identities as tables, the shared
    rules as macros; UTC."""
    con.execute("set TimeZone = 'UTC'")
    if raw_path is not None:
        _attach_raw(con, raw_path)
    write_registry(con, registry)
    write_identities(con, identities, provenance=identities_provenance)
    create_macros(con, models_root)


def _attach_raw(con: duckdb.DuckDBPyConnection, raw_path: Path) -> None:
    try:
        con.execute(f"attach '{_quote(raw_path)}' as raw (read_only)")
    except duckdb.IOException:
        raise OnrampError(
            f"{raw_path}: the warehouse is busy (a collection is running?); "
            "build again when it ends"
        ) from None


def create_macros(con: duckdb.DuckDBPyConnection, models_root: Path = MODELS_DIR) -> None:
    """The shared rules of sql/macros, as temporary macros: models may call them, the published
    file keeps none of them."""
    for path in load_macros(models_root):
        try:
            con.execute(path.read_text(encoding="utf-8"))
        except duckdb.Error as exc:
            raise OnrampError(f"{path}: {str(exc).splitlines()[0]}") from None


@functools.cache
def _rules() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    create_macros(con)
    return con


def git_name_key(name: str) -> str:
    """The key of a git author name by sql/macros/rules.sql's git_name_key, the one rule, for
    Python that runs before or without a build (`identities check`, the git-name suggestions):
    an in-memory DuckDB holding the macros, made once per process."""
    return _rules().execute("select git_name_key(?)", [name]).fetchone()[0]


def run_model(con: duckdb.DuckDBPyConnection, model) -> None:
    try:
        con.execute(f"create or replace table {model.name} as {model.sql}")
    except duckdb.Error as exc:
        raise OnrampError(f"{model.path}: {str(exc).splitlines()[0]}") from None


def _drop_non_marts(con: duckdb.DuckDBPyConnection) -> None:
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main'"
        ).fetchall()
    ]
    for table in tables:
        if not table.startswith(MART_PREFIXES):
            con.execute(f"drop table {table}")


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
