"""With a token: near the GraphQL minimum of calls, points reported, a call per unchanged stream."""

from __future__ import annotations

import pytest
from test_gh_graphql_same_rows import _pile_on

from onramp.commands.status import HEADER, status_rows
from warehouse.db import connect

from fakes.github_data import GRAPHQL_STREAMS, generate, graphql_minimum_calls

SLOW = 60.0  # seconds a GraphQL answer may take: the fake's PR page is slow on a busy machine


@pytest.fixture
def token(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")


def _repos():
    a, b = generate("o/a", 1, items=450, comments=900), generate("o/b", 2, items=90, comments=130)
    _pile_on(a, next(i for i in a.issues if "pull_request" in i),
             next(i for i in a.issues if "pull_request" not in i))  # fmt: skip
    return a, b


def test_calls_stay_within_a_tenth_of_the_graphql_minimum(github, warehouse, token):
    a, b = _repos()
    server = github(a, b)
    outcome = warehouse.run(["o/a", "o/b"], timeout=SLOW)
    assert outcome.status == "ok", outcome.message
    floor = graphql_minimum_calls(a) + graphql_minimum_calls(b)
    assert len(server.requests) == outcome.api_calls  # every request counted
    assert floor <= outcome.api_calls <= 1.1 * floor
    assert server.graphql_errors == []
    # nothing per PR over REST, and every item is there
    assert not any("/reviews" in r.path or "comments" in r.path for r in server.requests)
    assert warehouse.count("github_issues") == len(a.issues) + len(b.issues)
    said = len(a.issue_comments) + len(b.issue_comments)
    assert warehouse.count("github_comments", "kind = 'issue_comment'") == said


def test_points_are_recorded_per_run_and_shown_by_status(github, warehouse, token, tmp_path):
    server = github(*_repos())
    warehouse.run(["o/a", "o/b"], timeout=SLOW)
    spent = server.points.limit - server.points.remaining
    used, left = warehouse.con.execute(
        "select points_used, points_remaining from collection_runs"
    ).fetchone()
    assert (used, left) == (spent, server.points.remaining) and used > 0
    warehouse.con.close()
    rows = status_rows(_paths(tmp_path))
    assert rows[0][HEADER.index("points (left)")] == f"{spent} ({server.points.remaining})"
    warehouse.con = connect(tmp_path / "raw.duckdb")


def _paths(tmp_path):
    from types import SimpleNamespace

    return SimpleNamespace(raw_db=tmp_path / "raw.duckdb")


def test_progress_shows_points_used_and_left(github, tmp_path, token, capsys):
    from collectors.github import collect
    from core.settings import Settings
    from onramp.orchestrator import run_collection
    from warehouse.db import connect

    github(generate("o/r", 3, items=250, comments=300))
    with connect(tmp_path / "raw.duckdb") as con:
        run_collection(con, __import__("sqlkit").project(github_repos=["o/r"]), "github",
                       collect, warn=print, settings=Settings.from_env())  # fmt: skip
    err = capsys.readouterr().err
    assert "points used" in err and "left" in err


def test_an_unchanged_rerun_costs_one_call_per_stream_and_changes_no_row(github, warehouse, token):
    server = github(*_repos())
    warehouse.run(["o/a", "o/b"], timeout=SLOW)
    before = warehouse.snapshot()
    for _ in range(2):
        seen = len(server.requests)
        outcome = warehouse.run(["o/a", "o/b"], timeout=SLOW)
        assert outcome.status == "ok" and outcome.api_calls <= 2 * GRAPHQL_STREAMS
        assert len(server.requests) - seen == outcome.api_calls
        assert warehouse.snapshot() == before


def test_new_activity_is_fetched_down_to_the_cursor_minus_two_days(github, warehouse, token):
    a, b = _repos()
    server = github(a, b)
    warehouse.run(["o/a", "o/b"], timeout=SLOW)
    pr = max((i for i in a.issues if "pull_request" in i), key=lambda i: i["updated_at"])
    old = min((i for i in a.issues if "pull_request" not in i), key=lambda i: i["updated_at"])
    pr["title"], pr["updated_at"] = "renamed PR", "2030-01-01T00:00:00Z"
    old["state"], old["updated_at"] = "closed", "2030-01-02T00:00:00Z"
    server.changed()
    seen = len(server.requests)
    warehouse.run(["o/a", "o/b"], timeout=SLOW)
    assert warehouse.count("github_issues", "title = 'renamed PR'") == 1
    assert warehouse.count("github_issues", f"number = {old['number']} and repo = 'o/a' "
                                            "and state = 'closed'") == 1  # fmt: skip
    assert len(server.requests) - seen <= 2 * GRAPHQL_STREAMS


def test_status_reads_a_warehouse_older_than_the_points_columns(tmp_path):
    import duckdb

    with duckdb.connect(str(tmp_path / "raw.duckdb")) as con:
        con.execute(
            "create table collection_runs (run_id varchar, source varchar, project varchar, "
            "started_at timestamptz, finished_at timestamptz, api_calls integer, "
            "rows_written bigint, status varchar, error varchar)"
        )
        con.execute("insert into collection_runs values ('r', 'github', 'p', now(), now(), 3, "
                    "10, 'ok', null)")  # fmt: skip
        con.execute("create table sync_state (source varchar, scope varchar)")
    rows = status_rows(_paths(tmp_path))
    calls, points = HEADER.index("calls"), HEADER.index("points (left)")
    assert [(r[0], r[calls], r[points]) for r in rows] == [("p", 3, "")]
