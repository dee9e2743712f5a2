"""`onramp status`: freshness per project and source, from the raw warehouse's run records."""

from __future__ import annotations

import duckdb

from onramp.errors import OnrampError
from onramp.settings import Paths

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
    latest.api_calls,
    coalesce(cursors.n, 0),
    coalesce(latest.error, '')
from latest
left join cursors on cursors.source = latest.source
where latest.rn = 1
order by 1, 2
"""


def status_rows(paths: Paths) -> list[tuple]:
    if not paths.raw_db.exists():
        return []
    try:
        with duckdb.connect(str(paths.raw_db), read_only=True) as con:
            con.execute("set TimeZone = 'UTC'")
            return con.execute(_LATEST_RUNS).fetchall()
    except duckdb.IOException:
        raise OnrampError(
            f"{paths.raw_db}: busy (a collection or build is running); try again when it ends"
        ) from None
    except duckdb.CatalogException:
        return []
