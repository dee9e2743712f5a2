"""Data status marts: fct_collection_runs, fct_sync_state and fct_source_status."""

from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from core.registry import Registry
from warehouse.build import build
from warehouse.db import connect

from sqlkit import project


def _at(day, hour=10, second=0):
    return datetime(2025, 1, day, hour, 0, second, tzinfo=UTC)


RUNS = [
    {
        "run_id": "r1",
        "source": "github",
        "project": "p",
        "started_at": _at(1),
        "finished_at": _at(1, second=30),
        "api_calls": 12,
        "rows_written": 100,
        "status": "ok",
    },
    {
        "run_id": "r2",
        "source": "github",
        "project": "p",
        "started_at": _at(2),
        "finished_at": _at(2, second=5),
        "api_calls": 3,
        "rows_written": 0,
        "status": "failed",
        "error": "HTTP 502 on /repos/o/r/issues",
    },
    {
        "run_id": "r3",
        "source": "hub",
        "project": None,
        "started_at": _at(3),
        "finished_at": _at(3, second=2),
        "api_calls": 5,
        "rows_written": 7,
        "status": "ok",
    },
    {
        "run_id": "r4",
        "source": "discord-export",
        "project": "q",
        "started_at": _at(4),
        "finished_at": _at(4),
        "api_calls": 0,
        "rows_written": 40,
        "status": "ok",
    },
]
CURSORS = [
    {
        "source": "github",
        "scope": "o/r:issues",
        "cursor": "2025-01-01T00:00:00Z",
        "etag": 'W/"x"',
        "updated_at": _at(1),
    },
    {"source": "hub", "scope": "Org:models", "cursor": "2025-01-03", "updated_at": _at(3)},
    {"source": "github", "scope": "other/x:issues", "cursor": "c", "updated_at": _at(1)},
]
REGISTRY = [
    project("p", github_repos=["o/r"], hub_authors=["org"]),
    project("q", discord_guilds=["g1"]),
]


def _build(tmp_path):
    """Bookkeeping rows keep their own run ids (an upsert would stamp its own): insert as given."""
    raw = tmp_path / "raw.duckdb"
    with connect(raw) as con:
        for table, rows in (("collection_runs", RUNS), ("sync_state", CURSORS)):
            columns = sorted({key for row in rows for key in row})
            batch = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])  # noqa: F841
            con.execute(f"insert into {table} by name select * from batch")
    published = tmp_path / "raw.published.duckdb"
    build(raw, published, Registry(path=tmp_path / "projects.toml", projects=tuple(REGISTRY)))
    con = duckdb.connect(str(published), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    return con


def test_collection_runs_newest_first(tmp_path):
    con = _build(tmp_path)
    got = con.execute(
        "select run_id, platform, seconds, status, error from fct_collection_runs"
    ).fetchall()
    assert got == [
        ("r4", "discord", 0.0, "ok", None),  # an export import feeds Discord
        ("r3", "hub", 2.0, "ok", None),
        ("r2", "github", 5.0, "failed", "HTTP 502 on /repos/o/r/issues"),
        ("r1", "github", 30.0, "ok", None),
    ]


def test_cursors_belong_to_projects_by_scope(tmp_path):
    con = _build(tmp_path)
    got = con.execute(
        "select scope, project, has_etag from fct_sync_state order by scope"
    ).fetchall()
    # 'Org' matches the Hub author 'org' whatever the case; 'other/x' is no configured repository
    assert got == [
        ("Org:models", "p", False),
        ("o/r:issues", "p", True),
        ("other/x:issues", None, False),
    ]


def test_source_status(tmp_path):
    con = _build(tmp_path)
    got = con.execute(
        "select project, source, is_configured, targets, last_run_at is not null, last_status, "
        "failed_runs, last_error, cursors from fct_source_status order by project, source"
    ).fetchall()
    assert got == [
        ("p", "discord", False, 0, False, None, 0, None, 0),
        # p's latest GitHub run failed: its error is the one to show
        ("p", "github", True, 1, True, "failed", 1, "HTTP 502 on /repos/o/r/issues", 1),
        ("p", "hub", True, 1, True, "ok", 0, None, 1),  # r3 ran for every project
        ("p", "slack", False, 0, False, None, 0, None, 0),
        ("q", "discord", True, 1, True, "ok", 0, None, 0),
        ("q", "github", False, 0, False, None, 0, None, 0),
        ("q", "hub", False, 0, True, "ok", 0, None, 0),
        ("q", "slack", False, 0, False, None, 0, None, 0),
    ]


def test_rows_are_credited_to_the_source_that_stored_them(tmp_path):
    """The demo: a snapshot load for every project (rows not recorded per source), then a sample
    Slack export for one project. Its 17,013 rows are Slack's; the Hub is credited none."""
    from sqlkit import build_over

    def run(run_id, source, project_id, day, rows):
        return {"run_id": run_id, "source": source, "project": project_id, "started_at": _at(day),
                "finished_at": _at(day, second=1), "api_calls": 0, "rows_written": rows,
                "status": "ok"}  # fmt: skip

    con = build_over(tmp_path, {}, [project("m", hub_authors=["org"])])
    for r in (run("d", "demo", None, 1, 162_716), run("s", "demo-slack-export", "m", 2, 17_013)):
        con.execute(  # by hand: the loader would stamp both with one run id
            "insert into raw.collection_runs by name select * from (select ?::varchar as run_id, "
            "?::varchar as source, ?::varchar as project, ?::timestamptz as started_at, "
            "?::timestamptz as finished_at, ?::int as api_calls, ?::int as rows_written, "
            "?::varchar as status)",
            [r["run_id"], r["source"], r["project"], r["started_at"], r["finished_at"],
             r["api_calls"], r["rows_written"], r["status"]],
        )  # fmt: skip
    got = dict(
        con.execute(
            "select source, (last_rows, last_run_is_demo) from fct_source_status "
            "where project = 'm'"
        ).fetchall()
    )
    assert got == {
        "github": (None, True),
        "hub": (None, True),
        "discord": (None, True),
        "slack": (17_013, True),
    }
