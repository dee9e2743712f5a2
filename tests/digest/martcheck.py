"""Check a digest against the marts it was read from, number by number (any project, any period)."""

from __future__ import annotations

from datetime import date, timedelta


def check(con, digest: dict) -> int:
    """Assert every number and list length of `digest` equals its mart's; the numbers checked."""
    project, month = digest["project"], digest["headline_month"]
    start = date.fromisoformat(digest["period"]["from"])
    after = date.fromisoformat(digest["period"]["to"]) + timedelta(days=1)
    before = (date.fromisoformat(month + "-01") - timedelta(days=1)).strftime("%Y-%m")
    checked = 0
    for row in digest["headline"]:
        assert row["month"] == month
        assert row["value"] == _value(con, project, row["indicator"], month), row
        assert row["previous"] == _value(con, project, row["indicator"], before), row
        checked += 2
    for row in digest["alerts"]:
        value, trailing = con.execute(
            "select value, trailing_3m from fct_indicator_alerts where project = ? "
            "and indicator = ? and month = ?",
            [project, row["indicator"], row["month"]],
        ).fetchone()
        assert (row["value"], row["trailing_3m"]) == (_n(value), _n(trailing)), row
        checked += 2
    waiting = con.execute(
        # the waiting list's window is the data cut-off, whatever the period
        "select coalesce(title, item), url, round(days_waiting, 1) from fct_waiting_items "
        "where project = ?",
        [project],
    ).fetchall()
    assert digest["counts"]["waiting"] == len(waiting)
    for row in digest["waiting"]:
        assert (row["title"], row["url"], row["days_waiting"]) in waiting, row
        checked += 1
    for key, table, column, fields in (
        ("newcomers", "fct_people", "first_seen_at", "strftime(first_seen_at, '%Y-%m-%d')"),
        (
            "quiet",
            "fct_quiet_people",
            "quiet_since",
            "strftime(last_seen_at, '%Y-%m-%d'), activities",
        ),
    ):
        rows = con.execute(
            f"select is_pseudonymous, display_name, profile_url, {fields} from {table} "
            f"where project = ? and not is_insider and {column} >= ? and {column} < ?",
            [project, start, after],
        ).fetchall()
        named = [r[1:] for r in rows if not r[0]]
        assert digest["counts"][key] == len(named)
        assert digest["unnamed"][key] == len(rows) - len(named)
        for row in digest[key]:
            assert tuple(row[f] for f in list(row)[1:]) in named, row
            checked += 1
    (derivatives,) = con.execute(
        "select count(distinct model_id) from fct_derivatives where project = ? "
        "and created_at >= ? and created_at < ?",
        [project, start, after],
    ).fetchone()
    (benchmarks,) = con.execute(
        "select count(*) from fct_benchmark_results where project = ? "
        "and reported_at >= ? and reported_at < ?",
        [project, start, after],
    ).fetchone()
    assert digest["counts"]["derivatives"] == derivatives
    assert digest["counts"]["benchmarks"] == benchmarks
    return checked + 4


def _value(con, project, indicator, month):
    row = con.execute(
        "select value from fct_indicators where project = ? and indicator = ? and month = ?",
        [project, indicator, month],
    ).fetchone()
    return None if row is None else _n(row[0])


def _n(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 6)
