"""The PostgreSQL raw store on a real server: the DuckDB file's schema as versioned migrations,
keyed upserts that leave unchanged rows alone, a batch and its cursor in one transaction, run
records, the key fingerprint's first writer, and the stream locks workers share."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import psycopg
import pytest

from collectors.base import Batch, Cursor
from onramp.orchestrator import run_collection
from warehouse import postgres
from warehouse.db import apply_schema
from warehouse.pgcopy import copy_raw
from warehouse.postgres import PostgresStore
from warehouse.upsert import StoreError

from sqlkit import project

T = datetime(2024, 1, 1, tzinfo=UTC)
# DuckDB type -> the PostgreSQL type migrations give it
TYPES = {"VARCHAR": "text", "BIGINT": "bigint", "INTEGER": "integer", "BOOLEAN": "boolean",
         "DATE": "date", "DOUBLE": "double precision", "VARCHAR[]": "ARRAY",
         "TIMESTAMP WITH TIME ZONE": "timestamp with time zone"}  # fmt: skip


def _issue(n, **extra):
    return {"id": n, "repo": "o/r", "number": n, "is_pull_request": False, "author_login": "ann",
            "created_at": T, "state": "open", **extra}  # fmt: skip


@pytest.fixture
def store(pg_url):
    with PostgresStore(pg_url) as store:
        yield store


def _duckdb_schema():
    con = duckdb.connect()
    apply_schema(con)
    columns = con.execute(
        "select table_name, column_name, data_type, is_nullable from duckdb_columns() join "
        "duckdb_tables() using (database_name, schema_name, table_name) "
        "where schema_name = 'main' order by 1, column_index"
    ).fetchall()
    keys = con.execute(
        "select table_name, constraint_column_names from duckdb_constraints() "
        "where schema_name = 'main' and constraint_type = 'PRIMARY KEY' order by 1"
    ).fetchall()
    return [(t, c, TYPES[d], n) for t, c, d, n in columns], [(t, list(k)) for t, k in keys]


def test_migrations_give_the_duckdb_schema_and_run_once(store, pg_url):
    columns, keys = _duckdb_schema()
    got = store.fetch_all(
        "select table_name, column_name, data_type, is_nullable = 'YES' from "
        "information_schema.columns where table_schema = 'public' and table_name <> "
        "'onramp_migrations' order by 1, ordinal_position"
    )
    assert [tuple(r) for r in got] == columns
    assert [(t, store.primary_key(t)) for t, _ in keys] == keys
    versions = [v for v, _, _ in postgres.migrations()]
    assert [r[0] for r in store.fetch_all("select version from onramp_migrations")] == versions
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert postgres.migrate(conn) == []  # a second connect applies nothing


def test_same_batch_twice_changes_nothing_and_a_change_restamps(store):
    assert store.commit_batch({"github_issues": [_issue(1), _issue(2)]}, run_id="r1") == 2
    first = store.fetch_all("select * from github_issues order by id")
    store.commit_batch({"github_issues": [_issue(1), _issue(2)]}, run_id="r2")
    assert store.fetch_all("select * from github_issues order by id") == first
    store.commit_batch({"github_issues": [_issue(1, state="closed")]}, run_id="r3")
    assert store.fetch_all("select id, state, run_id from github_issues order by id") == [
        (1, "closed", "r3"),
        (2, "open", "r1"),
    ]


def test_duplicate_keys_in_a_batch_keep_the_last(store):
    batch = [_issue(1, state="open"), _issue(1, state="closed")]
    assert store.commit_batch({"github_issues": batch}, run_id="r") == 1
    assert store.fetch_all("select state from github_issues") == [("closed",)]


def test_lists_dates_and_defaults_are_stored(store):
    store.commit_batch(
        {"hub_repos": [{"repo_type": "model", "repo_id": "a/b", "tags": ["x", "y"]}],
         "hub_repo_snapshots": [{"repo_type": "model", "repo_id": "a/b",
                                 "snapshot_date": T.date(), "downloads_30d": 5}]},
        run_id="r",
    )  # fmt: skip
    row = store.stored_row("hub_repos", {"repo_type": "model", "repo_id": "a/b"})
    assert (row["tags"], row["provenance"], row["run_id"]) == (["x", "y"], "api", "r")
    assert store.fetch_all("select snapshot_date from hub_repo_snapshots") == [(T.date(),)]


def test_a_row_without_a_required_value_is_skipped_and_the_rest_stored(store):
    skipped = []
    rows = store.commit_batch(
        {"github_issues": [_issue(1), _issue(2, created_at=None)]},
        run_id="r",
        on_skip=lambda table, row, why: skipped.append((table, row["id"], why)),
    )
    assert rows == 1
    assert skipped == [("github_issues", 2, "no created_at (NOT NULL in github_issues)")]


def test_a_batch_that_fails_moves_no_cursor_and_keeps_no_row(store):
    with pytest.raises((StoreError, ValueError)):
        store.commit_batch(
            {"github_issues": [_issue(1)], "github_comments": [{"kind": "x", "id": "not a number",
             "repo": "o/r", "number": 1, "created_at": T}]},
            run_id="r",
            cursor=("github", "o/r:issues", "c1", None),
        )  # fmt: skip
    assert store.get_cursor("github", "o/r:issues") == (None, None)
    assert store.fetch_all("select count(*) from github_issues") == [(0,)]


def test_run_collection_stores_rows_cursor_and_run_record(store):
    def collector(project_, ctx):
        ctx.stats.api_calls += 3
        yield Batch({"github_issues": [_issue(1)]}, Cursor("o/r:issues", "2024-01-01", "W/1"))
        yield Batch({"github_issues": [_issue(2)]}, Cursor("o/r:issues", "2024-01-02", "W/2"))

    outcome = run_collection(store, project(), "github", collector, progress=False)
    assert (outcome.status, outcome.rows, outcome.batches) == ("ok", 2, 2)
    assert store.get_cursor("github", "o/r:issues") == ("2024-01-02", "W/2")
    runs = store.fetch_all("select status, rows_written, api_calls, finished_at is not null "
                           "from collection_runs")  # fmt: skip
    assert runs == [("ok", 2, 3, True)]


def test_a_stream_held_by_another_worker_is_skipped_in_one_line(pg_url, store):
    ran = []

    def collector(project_, ctx):
        ran.append(1)
        yield Batch({"github_issues": [_issue(1)]})

    with PostgresStore(pg_url) as other:
        assert other.claim("p", "github") is None
        outcome = run_collection(store, project(), "github", collector, progress=False)
        assert (outcome.status, outcome.busy, ran) == ("skipped", True, [])
        assert outcome.message == "another worker is collecting it"
        other.release("p", "github")
    assert run_collection(store, project(), "github", collector, progress=False).status == "ok"
    assert ran == [1]


def test_a_stream_a_peer_finished_during_this_run_is_not_collected_again(pg_url, store):
    began = datetime.now(UTC)

    def collector(project_, ctx):
        yield Batch({"github_issues": [_issue(1)]})

    with PostgresStore(pg_url) as peer:
        assert run_collection(peer, project(), "github", collector, progress=False).status == "ok"
    outcome = run_collection(store, project(), "github", collector, progress=False, since=began)
    assert outcome.status == "skipped" and "during this run" in outcome.message
    assert store.fetch_all("select count(*) from collection_runs") == [(1,)]


def test_a_dead_workers_run_is_marked_failed_by_the_next_claim(pg_url, store):
    conn = psycopg.connect(pg_url, autocommit=True)
    dead = PostgresStore.__new__(PostgresStore)
    dead.conn, dead.name = conn, "dead"
    run_id = PostgresStore.start_run(dead, "github", "p", started=T)
    conn.close()  # the worker is gone: its session, and any lock it held, with it
    assert store.claim("p", "github") is None
    status, error = store.fetch_all(
        "select status, error from collection_runs where run_id = %s", [run_id]
    )[0]
    assert status == "failed" and "killed" in error


def test_the_first_key_fingerprint_recorded_wins(pg_url, store):
    with PostgresStore(pg_url) as other:
        assert store.record_fact_once("pseudonym_key_fingerprint", "aaaa") == "aaaa"
        assert other.record_fact_once("pseudonym_key_fingerprint", "bbbb") == "aaaa"


@pytest.mark.parametrize("reader", ["adbc", "psycopg"])
def test_both_readers_copy_every_value_into_duckdb(store, pg_url, reader):
    store.commit_batch(
        {"github_issues": [_issue(1, merged_at=T, is_bot=True), _issue(2, is_bot=False)],
         "hub_repos": [{"repo_type": "model", "repo_id": "a/b", "tags": ["x"], "likes": 3}],
         "hub_eval_results": [{"result_id": "e1", "model_id": "a/b", "dataset_id": "d",
                               "metric_type": "acc", "metric_value": 0.25}]},
        run_id="r",
    )  # fmt: skip
    con = duckdb.connect()
    counts = copy_raw(pg_url, con, reader=reader)
    assert counts["github_issues"] == 2 and counts["hub_repos"] == 1
    assert con.execute(
        "select number, is_bot, merged_at, run_id from github_issues order by 1"
    ).fetchall() == [(1, True, T, "r"), (2, False, None, "r")]
    assert con.execute("select tags, likes from hub_repos").fetchall() == [(["x"], 3)]
    assert con.execute("select metric_value from hub_eval_results").fetchall() == [(0.25,)]
