"""Build the SQL models over small hand-built raw tables, for tests with hand-computed answers.

con = build_over(tmp_path, {"github_commits": [...]}, projects=[project("p", github_repos=["o/r"])])
assert value(con, "p", "2024-01", "gh_active_contributors") == 3
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from core.identities import NO_IDENTITIES, Identities
from core.registry import Project, Registry
from warehouse.build import build
from warehouse.db import connect
from warehouse.upsert import upsert


def project(project_id: str = "p", **lists) -> Project:
    values = {k: tuple(v) for k, v in lists.items()}
    return Project(id=project_id, name=project_id.title(), organizational_model="company", **values)


def build_over(
    tmp_path: Path,
    rows: dict[str, list[dict]],
    projects: list[Project],
    identities: Identities = NO_IDENTITIES,
) -> duckdb.DuckDBPyConnection:
    """Load `rows` into a fresh raw warehouse, run every model, return the published marts."""
    raw = tmp_path / "raw.duckdb"
    raw.unlink(missing_ok=True)
    with connect(raw) as con:
        for table, table_rows in rows.items():
            upsert(con, table, table_rows, run_id="test")
    published = tmp_path / "raw.published.duckdb"
    registry = Registry(path=tmp_path / "projects.toml", projects=tuple(projects))
    build(raw, published, registry, identities=identities)
    con = duckdb.connect(str(published), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    return con


def value(con: duckdb.DuckDBPyConnection, project_id: str, month: str, indicator: str):
    """The indicator's value; raises when the row is absent (absent and null differ for ratios)."""
    rows = con.execute(
        "select value from fct_indicators where project = ? and month = ? and indicator = ?",
        [project_id, month, indicator],
    ).fetchall()
    if not rows:
        raise LookupError(f"no {indicator} row for {project_id} {month}")
    return rows[0][0]


def series(
    con: duckdb.DuckDBPyConnection, project_id: str, indicator: str
) -> dict[str, float | None]:
    rows = con.execute(
        "select month, value from fct_indicators where project = ? and indicator = ? "
        "order by month",
        [project_id, indicator],
    ).fetchall()
    return dict(rows)
