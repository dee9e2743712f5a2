"""Compose one project's digest from the published marts: the JSON shape of DESIGN.md §4, Digest.

Every list comes from a mart (fct_people, fct_waiting_items, fct_quiet_people, fct_indicators,
fct_indicator_alerts, fct_derivatives, fct_benchmark_results) filtered to the project and period;
nothing is recomputed here. Pseudonymised members (Discord, Slack) are counted, never listed.
Insiders are left out of newcomers and quiet people, as on the Drop-off page.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from urllib.parse import urlencode

from core.errors import OnrampError
from digest.period import Period, headline_month, previous_month, resolve

LIMIT = 10  # items shown per list; `counts` keeps the full lengths
LISTS = ("headline", "newcomers", "waiting", "quiet", "alerts", "derivatives", "benchmarks")
# One line of headline numbers: who arrives, who is active, how fast they hear back, what is built
# on the models. An indicator shows only where the project has a value for the month.
HEADLINE = (
    "gh_new_contributors",
    "gh_active_contributors",
    "gh_external_prs_merged",
    "gh_ttfr_median_hours",
    "hub_new_derivatives",
    "hub_downloads_30d",
    "dc_new_speakers",
    "dc_active_members",
    "sl_new_speakers",
    "sl_active_members",
)


def projects(con) -> dict[str, str]:
    """Published project ids and names, in registry order."""
    return dict(con.execute("select project, name from dim_projects order by position").fetchall())


def data_cutoff(con) -> datetime:
    row = con.execute("select data_cutoff from dim_build").fetchone()
    if row is None or row[0] is None:
        raise OnrampError("the published warehouse has no data cut-off: run `onramp build` again")
    return row[0]


def compose(
    con, project: str, spec: str, *, limit: int = LIMIT, dashboard_url: str | None = None
) -> dict:
    """The digest of `project` for the period `spec` (7d, 30d, FROM..TO), lists cut to `limit`."""
    con.execute("set TimeZone = 'UTC'")  # the period's days are UTC days, whatever the machine's
    names = projects(con)
    if project not in names:
        known = ", ".join(names) or "none"
        raise OnrampError(f"--project {project!r}: not in the published warehouse (known: {known})")
    cutoff = data_cutoff(con)
    period = resolve(spec, cutoff.date())
    month = headline_month(period, cutoff.date())
    args = (project, period.start, period.end_exclusive)
    newcomers, unnamed_newcomers, s1 = _named(_newcomers(con, args))
    quiet, unnamed_quiet, s2 = _named(_quiet(con, args))
    lists = {
        "headline": _headline(con, project, month),
        "newcomers": newcomers,
        "waiting": _waiting(con, project),
        "quiet": quiet,
        "alerts": _alerts(con, project, month),
        "derivatives": _derivatives(con, args),
        "benchmarks": _benchmarks(con, args),
    }
    sample = _strip_sample(lists) or s1 or s2  # strip first: every row loses its mark
    digest = {  # DESIGN.md §4's keys first, in its order; what the renderers need after them
        "project": project,
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        **{key: lists[key][:limit] for key in LISTS},
        "counts": {key: len(lists[key]) for key in LISTS},
        "name": names[project],
        "data_cutoff": cutoff.date().isoformat(),
        "headline_month": month.strftime("%Y-%m"),
        "unnamed": {"newcomers": unnamed_newcomers, "quiet": unnamed_quiet},
        "sample_data": bool(sample),
        "dashboard_url": _deep_link(dashboard_url, project, period, month),
        # the waiting list's window is the data cut-off, not the period: what waits then
        "waiting_buckets": _waiting_buckets(con, project),
        # pseudonymised members who went quiet, counted per home channel, never listed
        "quiet_channels": _quiet_channels(con, args),
    }
    return digest


def _rows(con, sql: str, params) -> list[dict]:
    cursor = con.execute(sql, list(params))
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _strip_sample(lists: dict[str, list[dict]]) -> bool:
    """Drop each row's sample mark; True when any row is built on generated (sample) data."""
    marks = [row.pop("_sample", False) for rows in lists.values() for row in rows]
    return any(marks)


def _named(rows: list[dict]) -> tuple[list[dict], int, bool]:
    """People who may be named, how many may not (pseudonymised), and whether any is sample data."""
    sample = any(row["_sample"] for row in rows)
    named = [row for row in rows if not row.pop("_pseudonymous")]
    for row in named:
        row.pop("_sample")
    return named, len(rows) - len(named), sample


def _newcomers(con, args) -> list[dict]:
    return _rows(
        con,
        """
        select platform, display_name as name, profile_url as url,
            strftime(person_first_seen_at, '%Y-%m-%d') as first_seen,
            is_pseudonymous as _pseudonymous, is_sample as _sample
        from fct_people
        where project = ? and is_person_row and not is_insider
            and person_first_seen_at >= ? and person_first_seen_at < ?
        order by person_first_seen_at, platform, display_name
        """,
        args,
    )


def _quiet(con, args) -> list[dict]:
    return _rows(
        con,
        """
        select platform, display_name as name, profile_url as url,
            strftime(last_seen_at, '%Y-%m-%d') as last_seen, activities,
            is_pseudonymous as _pseudonymous, is_sample as _sample
        from fct_quiet_people
        where project = ? and not is_insider and quiet_since >= ? and quiet_since < ?
        order by activities desc, last_seen_at desc, platform, display_name
        """,
        args,
    )


def _waiting(con, project: str) -> list[dict]:
    """Every item waiting for a first answer at the data cut-off (fct_waiting_items), staling first,
    then fresh, then stale; the longest wait first within each bucket."""
    return _rows(
        con,
        """
        select platform, kind, coalesce(title, item) as title, url,
            round(days_waiting, 1) as days_waiting, age_bucket as bucket, is_sample as _sample
        from fct_waiting_items
        where project = ?
        order by bucket_rank, days_waiting desc, platform, item
        """,
        (project,),
    )


def _quiet_channels(con, args) -> list[dict]:
    return _rows(
        con,
        """
        select platform, home_channel as channel, count(*) as members
        from fct_quiet_people
        where project = ? and not is_insider and quiet_since >= ? and quiet_since < ?
            and is_pseudonymous
        group by platform, home_channel
        order by members desc, platform, home_channel
        """,
        args,
    )


def _waiting_buckets(con, project: str) -> list[dict]:
    """The waiting items' count per age bucket, with its thresholds (fct_waiting_buckets)."""
    return _rows(
        con,
        """
        select age_bucket as bucket, from_days, to_days, items
        from fct_waiting_buckets
        where project = ?
        order by bucket_rank
        """,
        (project,),
    )


def _headline(con, project: str, month: date) -> list[dict]:
    before = previous_month(month)
    rows = _rows(
        con,
        """
        select now.indicator, now.month, now.value, prev.value as previous,
            now.final, strftime(now.settles_on, '%Y-%m-%d') as settles_on,
            coalesce(prev.final, true) as previous_final,
            now.is_sample or coalesce(prev.is_sample, false) as _sample
        from fct_indicators as now
        left join fct_indicators as prev
            on prev.project = now.project and prev.indicator = now.indicator
            and prev.month_start = ?
        where now.project = ? and now.month_start = ? and list_contains(?, now.indicator)
        """,
        (before, project, month, list(HEADLINE)),
    )
    order = {indicator: i for i, indicator in enumerate(HEADLINE)}
    rows.sort(key=lambda row: order[row["indicator"]])
    for row in rows:
        row["value"], row["previous"] = _number(row["value"]), _number(row["previous"])
    return [row for row in rows if row["value"] is not None]


def _alerts(con, project: str, month: date) -> list[dict]:
    """Indicators of the headline month that slipped off their trailing level the bad way
    (fct_indicator_alerts holds only those: the mart applies the catalog's `good`)."""
    rows = _rows(
        con,
        """
        select indicator, month, value, trailing_3m, is_sample as _sample
        from fct_indicator_alerts
        where project = ? and month_start = ?
        order by abs(change) desc, indicator
        """,
        (project, month),
    )
    for row in rows:
        row["value"], row["trailing_3m"] = _number(row["value"]), _number(row["trailing_3m"])
    return rows


def _derivatives(con, args) -> list[dict]:
    return _rows(
        con,
        """
        select model_id, string_agg(distinct relation, ', ' order by relation) as relation,
            strftime(min(created_at), '%Y-%m-%d') as created_at, bool_or(is_sample) as _sample
        from fct_derivatives
        where project = ? and created_at >= ? and created_at < ?
        group by model_id
        order by min(created_at) desc, model_id
        """,
        args,
    )


def _benchmarks(con, args) -> list[dict]:
    return _rows(
        con,
        """
        select model_id, dataset_id, is_sample as _sample
        from fct_benchmark_results
        where project = ? and reported_at >= ? and reported_at < ?
        order by reported_at desc, model_id, dataset_id
        """,
        args,
    )


def _deep_link(base: str | None, project: str, period: Period, month: date) -> str | None:
    if not base:
        return None
    months = {"from": month.strftime("%Y-%m"), "to": period.end.strftime("%Y-%m")}
    query = urlencode({"project": project, **months})
    return f"{base.rstrip('/')}/drop-off?{query}"


def _number(value) -> int | float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if float(value).is_integer() else round(float(value), 6)
