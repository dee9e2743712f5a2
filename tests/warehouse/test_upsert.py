"""Bulk upserts keyed on platform ids: loading the same batch twice changes nothing."""

from datetime import UTC, datetime

import pyarrow as pa
import pytest

from warehouse.db import connect
from warehouse.upsert import upsert

ISSUES = [
    {
        "id": 1,
        "repo": "o/r",
        "number": 1,
        "is_pull_request": False,
        "author_login": "ann",
        "created_at": datetime(2024, 1, 1, tzinfo=UTC),
        "state": "open",
    },
    {
        "id": 2,
        "repo": "o/r",
        "number": 2,
        "is_pull_request": True,
        "author_login": "bob",
        "created_at": datetime(2024, 1, 2, tzinfo=UTC),
        "state": "closed",
    },
]


@pytest.fixture
def con(tmp_path):
    with connect(tmp_path / "raw.duckdb") as con:
        yield con


def _rows(con):
    return con.execute("select * from github_issues order by id").fetchall()


def test_same_batch_twice_changes_nothing(con):
    upsert(con, "github_issues", ISSUES, run_id="run-1")
    first = _rows(con)
    upsert(con, "github_issues", ISSUES, run_id="run-2")
    assert _rows(con) == first  # the run stamp too: unchanged rows are left alone
    assert {r[-1] for r in first} == {"run-1"}


def test_changed_row_is_updated_and_restamped(con):
    upsert(con, "github_issues", ISSUES, run_id="run-1")
    closed = {**ISSUES[0], "state": "closed", "closed_at": datetime(2024, 2, 1, tzinfo=UTC)}
    assert upsert(con, "github_issues", [closed], run_id="run-2") == 1
    rows = con.execute("select id, state, run_id from github_issues order by id").fetchall()
    assert rows == [(1, "closed", "run-2"), (2, "closed", "run-1")]


def test_duplicate_keys_in_a_batch_keep_the_last(con):
    newer = {**ISSUES[0], "state": "closed"}
    assert upsert(con, "github_issues", [ISSUES[0], newer], run_id="r") == 1
    assert con.execute("select state from github_issues").fetchall() == [("closed",)]


def test_arrow_and_composite_keys(con):
    batch = pa.table(
        {
            "kind": ["review", "issue_comment"],
            "id": [7, 7],
            "repo": ["o/r"] * 2,
            "number": [1, 1],
            "created_at": ["2024-01-01T00:00:00Z"] * 2,
        }
    )
    assert upsert(con, "github_comments", batch, run_id="r") == 2
    assert upsert(con, "github_comments", batch, run_id="r2") == 2
    assert con.execute("select count(*) from github_comments").fetchall() == [(2,)]


def test_unknown_column_is_refused(con):
    with pytest.raises(ValueError, match="columns the table lacks: body"):
        upsert(con, "github_issues", [{**ISSUES[0], "body": "text"}])


def test_empty_batch(con):
    assert upsert(con, "github_issues", []) == 0
