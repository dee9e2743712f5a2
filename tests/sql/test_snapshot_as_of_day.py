"""A snapshot total is dated by its snapshot's day, not its month: fct_indicator_changes.as_of and
`onramp metrics`' as_of are 'YYYY-MM-DD', from the raw snapshot rows (DESIGN.md §4).

Project p (Hub org `org`), hand-built:
  downloads listings of org/m on 2024-01-10 (100) and 2024-01-20 (150), and 2024-03-05 (400)
      -> January's value is the 20th's 150, as of 2024-01-20; March's 400 as of 2024-03-05;
         February has no listing: its headline is January's, still as of 2024-01-20
  org/m's derivative tree listed on 2024-03-02 (one finetune)
      -> hub_derivatives_total 1 in March, as of 2024-03-02 (the tree's day, not the listing's)
A flow (hub_new_derivatives) has no as_of in `onramp metrics`.
"""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from hubrows import edge, model, snapshot

from onramp.cli import main

from sqlkit import build_over, project

ROWS = {
    "hub_repos": [model("org/m", "2024-01-01"), model("fan/ft", "2024-02-15")],
    "hub_repo_snapshots": [
        snapshot("org/m", "2024-01-10", 100),
        snapshot("org/m", "2024-01-20", 150),
        snapshot("org/m", "2024-03-05", 400),
    ],
    "hub_derivatives": [edge("fan/ft", "finetune", "org/m")],
    "hub_tree_listings": [
        {
            "parent_id": "org/m",
            "listed_at": datetime(2024, 3, 2, 9, tzinfo=UTC),
            "provenance": "api",
        }
    ],
}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("as-of-day")
    build_over(tmp_path, ROWS, [project(hub_authors=["org"])], publish=True).close()
    (tmp_path / "projects.toml").write_text(
        '[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
        'hub_authors = ["org"]\n'
    )
    return tmp_path


def _metrics(published, capsys, *extra) -> str:
    capsys.readouterr()
    args = ["--db", str(published / "raw.duckdb"), "--config", str(published / "projects.toml")]
    assert main(["metrics", *args, *extra]) == 0
    return capsys.readouterr().out


def test_changes_date_a_snapshot_by_its_day(tmp_path):
    con = build_over(tmp_path, ROWS, [project(hub_authors=["org"])])
    got = con.execute(
        "select month, headline_value, as_of, snapshot_age_days from fct_indicator_changes "
        "where indicator = 'hub_downloads_30d' order by month"
    ).fetchall()
    assert got == [
        ("2024-01", 150, "2024-01-20", 0),
        ("2024-02", 150, "2024-01-20", 29),  # 31 Jan .. 29 Feb
        ("2024-03", 400, "2024-03-05", 0),
    ]
    tree = con.execute(
        "select headline_value, as_of from fct_indicator_changes "
        "where indicator = 'hub_derivatives_total' and month = '2024-03'"
    ).fetchall()
    assert tree == [(1, "2024-03-02")]


def test_metrics_json_and_csv_carry_the_snapshot_day(published, capsys):
    records = json.loads(_metrics(published, capsys, "--indicator", "hub_downloads_30d"))
    assert [(r["month"], r["value"], r["as_of"]) for r in records] == [
        ("2024-01", 150, "2024-01-20"),
        ("2024-02", None, None),  # no listing that month: no value, so no date
        ("2024-03", 400, "2024-03-05"),
    ]
    rows = list(csv.DictReader(io.StringIO(_metrics(published, capsys, "--format", "csv"))))
    by = {(r["indicator"], r["month"]): r for r in rows}
    assert by[("hub_downloads_30d", "2024-01")]["as_of"] == "2024-01-20"
    assert by[("hub_derivatives_total", "2024-03")]["as_of"] == "2024-03-02"
    assert by[("hub_new_derivatives", "2024-02")]["as_of"] == ""  # a flow has no snapshot
    assert list(rows[0]) == ["project", "month", "indicator", "value", "final", "sample", "as_of"]
