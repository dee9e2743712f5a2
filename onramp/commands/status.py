"""`onramp status`: freshness per project and source, from the raw warehouse's run records."""

from __future__ import annotations

from collections.abc import Sequence

from core.settings import Paths
from onramp.commands import log

NAME = "status"
HELP = "show data freshness per project and source"
DESCRIPTION = (
    "Per project and source: the last collection run, its status, rows, records skipped (each "
    "named in that run's log) and API calls, the GraphQL points it spent and those left after it "
    "(GitHub with a token), its error if any, and how many stream cursors are saved."
)
HEADER = (
    "project", "source", "last run (UTC)", "status", "rows", "skipped", "calls", "points (left)",
    "cursors", "error",
)  # fmt: skip

_LATEST_RUNS = """
with latest as (
    select *, row_number() over (partition by project, source order by started_at desc) as rn
    from collection_runs
),
cursors as (
    select source, count(*) as n from sync_state group by source
)
select
    coalesce(latest.project, '(all)'),
    latest.source,
    strftime(latest.started_at, '%Y-%m-%d %H:%M'),
    latest.status,
    latest.rows_written,
    {skipped},
    latest.api_calls,
    {points},
    coalesce(cursors.n, 0),
    coalesce(latest.error, '')
from latest
left join cursors on cursors.source = latest.source
where latest.rn = 1
order by 1, 2
"""


def add_arguments(parser) -> None:
    """No options beyond --config and --db."""


def run(args, paths: Paths) -> int:
    log(f"warehouse: {paths.store_name}")
    rows = status_rows(paths, _configured(paths))
    if not rows:
        log("no collection has run yet: `onramp collect` (or `onramp demo`) fills the warehouse")
        return 0
    print(table([HEADER, *rows]))
    return 0


def _configured(paths: Paths) -> set[str] | None:
    """The registry's project ids (it was validated before the command ran), or None: all."""
    from core.registry import load_registry

    return {p.id for p in load_registry(paths.config).projects} if paths.config.exists() else None


def status_rows(paths: Paths, projects: set[str] | None = None) -> list[tuple]:
    """The latest run per project and source; with `projects`, theirs (and all-project runs)."""
    import duckdb  # here, not at the top: every `onramp` start imports this module

    from warehouse.db import open_error

    url = getattr(paths, "store_url", None)  # callers may hand just the raw file's path
    if url:
        from warehouse.pgcopy import snapshot

        with snapshot(url, ("collection_runs", "sync_state")) as con:
            rows = con.execute(
                _LATEST_RUNS.format(skipped="coalesce(latest.skipped, 0)", points=_points(con))
            ).fetchall()
        return [r for r in rows if projects is None or r[0] == "(all)" or r[0] in projects]
    if not paths.raw_db.exists():
        return []
    try:
        with duckdb.connect(str(paths.raw_db), read_only=True) as con:
            con.execute("set TimeZone = 'UTC'")
            # read-only: a warehouse older than the `skipped` column is shown as it is
            has_skipped = con.execute(
                "select count(*) from duckdb_columns() "
                "where table_name = 'collection_runs' and column_name = 'skipped'"
            ).fetchone()[0]
            skipped = "coalesce(latest.skipped, 0)" if has_skipped else "0"
            rows = con.execute(_LATEST_RUNS.format(skipped=skipped, points=_points(con))).fetchall()
    except duckdb.IOException as exc:
        raise open_error(paths.raw_db, exc) from None
    except duckdb.CatalogException:
        return []
    return [r for r in rows if projects is None or r[0] == "(all)" or r[0] in projects]


def _points(con) -> str:
    """GraphQL points used (and left); read-only, a warehouse older than the columns shows none."""
    has_points = con.execute(
        "select count(*) from duckdb_columns() "
        "where table_name = 'collection_runs' and column_name = 'points_used'"
    ).fetchone()[0]
    if not has_points:
        return "''"
    return (
        "case when latest.points_used is null then '' else latest.points_used || ' (' || "
        "coalesce(latest.points_remaining::varchar, '?') || ')' end"
    )


def table(rows: list[Sequence]) -> str:
    cells = [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells
    )
