"""Build the SQL models over small hand-built raw tables, for tests with hand-computed answers.

con = build_over(tmp_path, {"github_commits": [...]}, projects=[project("p", github_repos=["o/r"])])
assert value(con, "p", "2024-01", "gh_active_contributors") == 3

The connection builds a model the first time a query names it, with the models it reads and
nothing else: a test pays for the marts it reads, not for all of them. `publish=True` runs the
whole build into files instead (raw.duckdb, and raw.published.duckdb beside it), for a test that
hands the warehouse to a command or the dashboard.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from core.identities import NO_IDENTITIES, Identities
from core.registry import Project, Registry
from warehouse.build import build, check_identities, prepare, run_model
from warehouse.db import apply_schema, connect
from warehouse.models import Model, build_order, load_models, with_parents
from warehouse.paths import MODELS_DIR
from warehouse.upsert import upsert

_WORD = re.compile(r"[a-z_][a-z0-9_]*")


def project(project_id: str = "p", **lists) -> Project:
    values = {k: tuple(v) for k, v in lists.items()}
    return Project(id=project_id, name=project_id.title(), organizational_model="company", **values)


class Marts:
    """A connection whose models are built on first read: `execute` builds every model its query
    names (and their parents) that is not built yet, then runs the query."""

    def __init__(self, con: duckdb.DuckDBPyConnection, models: dict[str, Model]):
        self._con = con
        self._models = models
        self._order = build_order(models)
        self.built: list[str] = []  # the models run so far, in order

    def execute(self, query: str, parameters=None) -> duckdb.DuckDBPyConnection:
        self.require(set(_WORD.findall(query.lower())) & self._models.keys())
        if parameters is None:
            return self._con.execute(query)
        return self._con.execute(query, parameters)

    def require(self, names: set[str]) -> None:
        needed = with_parents(self._models, names) - set(self.built)
        for name in self._order:
            if name in needed:
                run_model(self._con, self._models[name])
                self.built.append(name)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Marts:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def build_over(
    tmp_path: Path,
    rows: dict[str, list[dict]],
    projects: list[Project],
    identities: Identities = NO_IDENTITIES,
    *,
    publish: bool = False,
) -> Marts | duckdb.DuckDBPyConnection:
    """Load `rows` into a fresh raw warehouse; return a connection that builds what it reads (or,
    with `publish`, run every model and return the published marts, read-only)."""
    registry = Registry(path=tmp_path / "projects.toml", projects=tuple(projects))
    if publish:
        return _published(tmp_path, rows, registry, identities)
    check_identities(identities, registry)
    con = duckdb.connect()  # the raw tables in memory, as the catalog `raw` models read
    con.execute("set TimeZone = 'UTC'")
    con.execute("attach ':memory:' as raw")
    con.execute("use raw")
    apply_schema(con)
    for table, table_rows in rows.items():
        upsert(con, table, table_rows, run_id="test")
    con.execute("use memory")
    con.execute("set TimeZone = 'UTC'")
    prepare(con, None, registry, identities)
    return Marts(con, load_models(MODELS_DIR))


def _published(
    tmp_path: Path, rows: dict[str, list[dict]], registry: Registry, identities: Identities
) -> duckdb.DuckDBPyConnection:
    raw = tmp_path / "raw.duckdb"
    raw.unlink(missing_ok=True)
    with connect(raw) as con:
        for table, table_rows in rows.items():
            upsert(con, table, table_rows, run_id="test")
    published = tmp_path / "raw.published.duckdb"
    build(raw, published, registry, identities=identities)
    con = duckdb.connect(str(published), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    return con


def value(con, project_id: str, month: str, indicator: str):
    """The indicator's value; raises when the row is absent (absent and null differ for ratios)."""
    rows = con.execute(
        "select value from fct_indicators where project = ? and month = ? and indicator = ?",
        [project_id, month, indicator],
    ).fetchall()
    if not rows:
        raise LookupError(f"no {indicator} row for {project_id} {month}")
    return rows[0][0]


def series(con, project_id: str, indicator: str) -> dict[str, float | None]:
    rows = con.execute(
        "select month, value from fct_indicators where project = ? and indicator = ? "
        "order by month",
        [project_id, indicator],
    ).fetchall()
    return dict(rows)
