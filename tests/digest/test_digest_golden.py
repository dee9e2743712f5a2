"""The digest of the hand-built week (digestrows.py): Markdown and JSON frozen in golden files,
the lists as worked out by hand, and every number equal to its mart's."""

import json
import os
from pathlib import Path

import pytest
from digestrows import TITLE

from digest.compose import compose
from digest.formats import render

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("ONRAMP_UPDATE_GOLDEN") == "1"  # rewrite the files, then read the diff


@pytest.fixture(scope="module")
def week(marts):
    return compose(marts, "p", "7d", dashboard_url="https://onramp.example.org/")


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_markdown_matches_the_golden_file(week):
    _golden("week.md", render([week], "markdown"))


def test_json_matches_the_golden_file(week):
    _golden("week.json", render([week], "json"))


def test_html_matches_the_golden_file(week):
    _golden("week.html", render([week], "html"))


def test_the_json_has_the_pinned_keys_in_order(week):
    pinned = ["project", "period", "headline", "newcomers", "waiting", "quiet", "alerts"]
    pinned += ["derivatives", "benchmarks", "counts"]
    assert list(week)[: len(pinned)] == pinned
    assert list(week["period"]) == ["from", "to"]
    shapes = {
        "headline": ["indicator", "month", "value", "previous"],
        "newcomers": ["platform", "name", "url", "first_seen"],
        "waiting": ["platform", "kind", "title", "url", "days_waiting"],
        "quiet": ["platform", "name", "url", "last_seen", "activities"],
        "alerts": ["indicator", "month", "value", "trailing_3m"],
        "derivatives": ["model_id", "relation", "created_at"],
        "benchmarks": ["model_id", "dataset_id"],
    }
    # extensions after the pinned keys: whether a headline value (and the one before) is final
    extended = {"headline": ["final", "settles_on", "previous_final"], "waiting": ["bucket"]}
    for key, fields in shapes.items():
        assert week[key], key
        assert all(list(row) == fields + extended.get(key, []) for row in week[key]), key
    assert set(week["counts"]) == set(shapes)


def test_the_week_as_worked_out_by_hand(week):
    assert week["period"] == {"from": "2025-06-30", "to": "2025-07-06"}
    assert week["headline_month"] == "2025-06"
    assert [(r["name"], r["first_seen"]) for r in week["newcomers"]] == [("newbie", "2025-07-02")]
    # by age bucket, staling (none here) then fresh then stale, the longest wait first in each
    assert [(r["title"], r["days_waiting"], r["bucket"]) for r in week["waiting"]] == [
        (TITLE, 4.5, "fresh"),
        ("Item 21", 3.5, "fresh"),
        ("Item 3", 92.5, "stale"),
        ("Help: fine-tune?", 36.5, "stale"),
    ]
    assert [(b["bucket"], b["items"]) for b in week["waiting_buckets"]] == [
        ("staling", 0),
        ("fresh", 2),
        ("stale", 2),
    ]
    assert [(r["name"], r["activities"], r["last_seen"]) for r in week["quiet"]] == [
        ("regular", 4, "2025-04-05")
    ]
    assert week["unnamed"] == {"newcomers": 1, "quiet": 1}
    headline = {r["indicator"]: (r["value"], r["previous"]) for r in week["headline"]}
    assert headline["gh_active_contributors"] == (2, 4)
    assert headline["gh_ttfr_median_hours"] == (3, 5)
    assert headline["hub_new_derivatives"] == (1, 0)
    assert headline["dc_active_members"] == (0, 1)
    assert {r["indicator"]: r["trailing_3m"] for r in week["alerts"]} == {
        "dc_active_members": 1,
        "dc_messages": round(4 / 3, 6),
        "gh_active_contributors": round(14 / 3, 6),
    }
    assert week["derivatives"] == [
        {"model_id": "stranger/m-ft", "relation": "finetune", "created_at": "2025-07-01"}
    ]
    assert week["benchmarks"] == [{"model_id": "stranger/m-ft", "dataset_id": "bench/suite"}]
    assert week["dashboard_url"] == (
        "https://onramp.example.org/drop-off?project=p&from=2025-06&to=2025-07"
    )


def test_every_number_equals_the_marts(marts, week):
    for row in week["headline"]:
        now = _value(marts, row["indicator"], row["month"])
        before = _value(marts, row["indicator"], "2025-05")
        assert (row["value"], row["previous"]) == (now, before), row
    for row in week["alerts"]:
        value, trailing = marts.execute(
            "select value, trailing_3m from fct_indicator_alerts where project = 'p' "
            "and indicator = ? and month = ?",
            [row["indicator"], row["month"]],
        ).fetchone()
        assert (row["value"], row["trailing_3m"]) == (value, round(trailing, 6))
    for row in week["waiting"]:
        (days,) = marts.execute(
            "select days_waiting from fct_waiting_items where project = 'p' and "
            "coalesce(title, item) = ?",
            [row["title"]],
        ).fetchone()
        assert row["days_waiting"] == round(days, 1)  # 92.5, 36.5, 4.5, 3.5: exact
    for row in week["quiet"]:
        (activities,) = marts.execute(
            "select activities from fct_quiet_people where project = 'p' and display_name = ?",
            [row["name"]],
        ).fetchone()
        assert row["activities"] == activities
    assert week["counts"] == {
        "headline": len(week["headline"]),
        "newcomers": _count(marts, "fct_people", "first_seen_at", pseudonymous=False),
        "waiting": marts.execute(
            "select count(*) from fct_waiting_items where project = 'p'"
        ).fetchone()[0],
        "quiet": _count(marts, "fct_quiet_people", "quiet_since", pseudonymous=False),
        "alerts": len(week["alerts"]),
        "derivatives": marts.execute(
            "select count(distinct model_id) from fct_derivatives where project = 'p' "
            "and created_at >= '2025-06-30' and created_at < '2025-07-07'"
        ).fetchone()[0],
        "benchmarks": marts.execute(
            "select count(*) from fct_benchmark_results where project = 'p' "
            "and reported_at >= '2025-06-30' and reported_at < '2025-07-07'"
        ).fetchone()[0],
    }
    assert week["unnamed"] == {
        "newcomers": _count(marts, "fct_people", "first_seen_at", pseudonymous=True),
        "quiet": _count(marts, "fct_quiet_people", "quiet_since", pseudonymous=True),
    }


def test_counts_keep_the_full_lengths_when_lists_are_cut(marts):
    cut = compose(marts, "p", "7d", limit=1)
    assert [len(cut[key]) for key in ("waiting", "alerts")] == [1, 1]
    assert cut["counts"]["waiting"] == 4 and cut["counts"]["alerts"] == 3
    assert "… and 3 more." in render([cut], "markdown")


def test_a_quiet_week_says_so_in_one_line(marts):
    quiet = compose(marts, "p", "2024-06-03..2024-06-09")
    text = render([quiet], "markdown")
    assert text.count("A quiet week") == 1
    assert "### Newcomers" not in text and "### Went quiet" not in text
    assert json.loads(render([quiet], "json"))[0]["counts"]["newcomers"] == 0


def _value(marts, indicator, month):
    row = marts.execute(
        "select value from fct_indicators where project = 'p' and indicator = ? and month = ?",
        [indicator, month],
    ).fetchone()
    return None if row is None else (int(row[0]) if float(row[0]).is_integer() else row[0])


def _count(marts, table, column, *, pseudonymous):
    return marts.execute(
        f"select count(*) from {table} where project = 'p' and not is_insider "
        f"and is_pseudonymous = ? and {column} >= '2025-06-30' and {column} < '2025-07-07'",
        [pseudonymous],
    ).fetchone()[0]
