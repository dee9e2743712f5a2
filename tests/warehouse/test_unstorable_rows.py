"""One record a table cannot hold never costs its batch; a batch that does fail names the cause."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from warehouse.db import connect
from warehouse.state import commit_batch
from warehouse.upsert import StoreError

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def comment(cid: int, **changes) -> dict:
    row = {"kind": "issue_comment", "id": cid, "repo": "o/r", "number": 1, "author_login": "a",
           "is_bot": False, "created_at": NOW, "provenance": "api"}  # fmt: skip
    return {**row, **changes}


@pytest.fixture
def con(tmp_path):
    with connect(tmp_path / "raw.duckdb") as con:
        yield con


def test_a_null_in_a_not_null_column_skips_that_row_only(con):
    skipped = []
    batch = [comment(1), comment(2, created_at=None), comment(3)]
    rows = commit_batch(
        con, {"github_comments": batch}, run_id="r",
        on_skip=lambda table, row, why: skipped.append((table, row["id"], why)),
    )  # fmt: skip
    assert rows == 2
    assert con.execute("select id from github_comments order by id").fetchall() == [(1,), (3,)]
    assert skipped == [("github_comments", 2, "no created_at (NOT NULL in github_comments)")]


def test_a_failing_batch_reports_the_database_reason_not_the_aborted_transaction(con):
    batch = [comment(1, number="not a number")]
    with pytest.raises(StoreError) as caught:
        commit_batch(con, {"github_comments": batch}, run_id="r")
    message = str(caught.value)
    assert message.startswith("github_comments: Conversion Error")
    assert "aborted" not in message
    # the transaction was rolled back: the connection works and nothing was stored
    assert con.execute("select count(*) from github_comments").fetchone() == (0,)


def test_an_old_warehouse_gains_the_skipped_column(tmp_path):
    path = tmp_path / "old.duckdb"
    with connect(path) as con:
        con.execute("alter table collection_runs drop column skipped")
    with connect(path) as con:
        columns = [r[0] for r in con.execute("describe collection_runs").fetchall()]
    assert "skipped" in columns
