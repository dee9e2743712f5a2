"""Storing what a collector yields: rows and cursor together, one run record, secrets redacted."""

from datetime import UTC, datetime

import pytest

from collectors.base import Batch, Cursor, SourceSkipped
from onramp.orchestrator import run_collection
from warehouse.db import connect
from warehouse.state import get_cursor

from sqlkit import project

TOKEN = "ghp_" + "x" * 36


def _issue(i):
    return {"id": i, "repo": "o/r", "number": i, "is_pull_request": False, "author_login": "ann",
            "created_at": datetime(2024, 1, i, tzinfo=UTC)}  # fmt: skip


@pytest.fixture
def con(tmp_path):
    with connect(tmp_path / "raw.duckdb") as con:
        yield con


def _runs(con):
    return con.execute(
        "select status, rows_written, api_calls, error from collection_runs"
    ).fetchall()


def test_rows_and_cursor_are_stored_together(con):
    def collector(project_, ctx):
        ctx.stats.api_calls += 2
        yield Batch(
            {"github_issues": [_issue(1), _issue(2)]}, Cursor("o/r:issues", "2024-01-02", "W/1")
        )

    outcome = run_collection(con, project(), "github", collector, progress=False)
    assert (outcome.status, outcome.rows, outcome.api_calls) == ("ok", 2, 2)
    assert get_cursor(con, "github", "o/r:issues") == ("2024-01-02", "W/1")
    assert _runs(con) == [("ok", 2, 2, None)]


def test_a_failure_keeps_what_was_committed_and_moves_no_further(con, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)

    def collector(project_, ctx):
        yield Batch({"github_issues": [_issue(1)]}, Cursor("o/r:issues", "2024-01-01"))
        raise RuntimeError(f"502 from /repos/o/r/issues?page=2 with Authorization: token {TOKEN}")

    outcome = run_collection(con, project(), "github", collector, progress=False)
    assert outcome.status == "failed"
    assert get_cursor(con, "github", "o/r:issues") == ("2024-01-01", None)
    assert con.execute("select count(*) from github_issues").fetchall() == [(1,)]
    (status, rows, _, error) = _runs(con)[0]
    assert (status, rows) == ("failed", 1)
    assert "/repos/o/r/issues" in error and TOKEN not in error and TOKEN not in outcome.message


def test_a_batch_that_cannot_be_stored_moves_no_cursor(con):
    def collector(project_, ctx):
        yield Batch(
            {"github_issues": [{**_issue(1), "body": "text"}]}, Cursor("o/r:issues", "2024-01-01")
        )

    assert run_collection(con, project(), "github", collector, progress=False).status == "failed"
    assert get_cursor(con, "github", "o/r:issues") == (None, None)
    assert con.execute("select count(*) from github_issues").fetchall() == [(0,)]


def test_skipped_source_says_why(con):
    def collector(project_, ctx):
        raise SourceSkipped("DISCORD_BOT_TOKEN is not set")
        yield  # a generator, like every collector

    outcome = run_collection(con, project(), "discord", collector, progress=False)
    assert (outcome.status, outcome.message) == ("skipped", "DISCORD_BOT_TOKEN is not set")


def test_full_ignores_saved_cursors(con):
    seen = []

    def collector(project_, ctx):
        seen.append(ctx.cursor("o/r:issues"))
        yield Batch({}, Cursor("o/r:issues", "2024-02-01"))

    run_collection(con, project(), "github", collector, progress=False)
    run_collection(con, project(), "github", collector, progress=False)
    run_collection(con, project(), "github", collector, full=True, progress=False)
    assert seen == [(None, None), ("2024-02-01", None), (None, None)]
