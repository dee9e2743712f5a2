"""Must show: `onramp digest --project eleutherai` on the demo prints a digest whose every number
equals the marts; the Markdown printed is the JSON's, rendered."""

import json

import duckdb
import pytest
from martcheck import check

from digest.formats import render
from onramp.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from dashkit import demo_warehouse  # the session's demo, shared with the dashboard tests

    return demo_warehouse(tmp_path_factory.getbasetemp())


def _cli(capsys, demo, *args):
    capsys.readouterr()
    assert main(["digest", "--db", str(demo), "--project", "eleutherai", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("period", ["7d", "30d", "2025-01-01..2025-03-31"])
def test_eleutherai_digest_equals_the_marts(capsys, demo, period):
    markdown = _cli(capsys, demo, "--period", period)
    digests = json.loads(_cli(capsys, demo, "--period", period, "--format", "json"))
    assert render(digests, "markdown") == markdown
    con = duckdb.connect(str(demo.with_name("onramp.published.duckdb")), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    try:
        checked = check(con, digests[0])
    finally:
        con.close()
    assert checked > 10
    for row in digests[0]["headline"]:
        assert f"{row['value']:,}" in markdown or isinstance(row["value"], float)
