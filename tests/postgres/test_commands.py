"""status, export, identities suggest and import-* on a PostgreSQL store do what they do on the
DuckDB file; build publishes where --published says; the demo stays a one-file affair."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta

import duckdb
import pytest

from onramp.cli import main
from warehouse.db import connect
from warehouse.postgres import PostgresStore
from warehouse.store import DuckDBStore

from fakes.slack_export import SlackExport, channel_entry, message, user_entry

T = datetime(2025, 3, 3, 12, tzinfo=UTC)
CONFIG = (
    '[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
    'github_repos = ["o/r"]\nhub_authors = ["org"]\nslack_channels = ["C0GENERAL1"]\n'
)


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", "k" * 40)
    monkeypatch.delenv("ONRAMP_IDENTITIES", raising=False)
    (tmp_path / "projects.toml").write_text(CONFIG)
    return tmp_path


def _export(path):
    ex = SlackExport(users=[user_entry("U01", "ann"), user_entry("U02", "bob")])
    ex.channels.append(channel_entry("C0GENERAL1", "general", T - timedelta(days=30)))
    ex.messages["general"] = []
    for n in range(6):
        ex.post("general", message(("U01", "U02")[n % 2], T + timedelta(hours=n), n + 1))
    return str(ex.write_zip(path))


def _slack_rows(con) -> list[tuple]:
    return sorted(
        tuple(r)
        for r in con.execute(
            "select channel_id, ts, created_at, author_pseudonym from slack_messages"
        ).fetchall()
    )


def test_import_status_and_identities_suggest_match_the_file_store(env, pg_url, capsys):
    export = _export(env / "export.zip")
    file_db = str(env / "raw.duckdb")
    for db in (file_db, pg_url):
        assert main(["import-slack", "--db", db, "--project", "p", export]) == 0
        assert "import-slack p: 1 export(s) loaded, 0 failed" in capsys.readouterr().err
    with duckdb.connect(file_db, read_only=True) as con:
        expected = _slack_rows(con)
    with PostgresStore(pg_url) as store:
        got = _slack_rows(store.conn)
    assert got == expected and len(got) == 6

    assert main(["status", "--db", pg_url]) == 0
    out, err = capsys.readouterr()
    assert err.startswith(f"warehouse: {pg_url}")
    assert "slack-export" in out and " ok " in out

    issue = {"id": 1, "repo": "o/r", "number": 1, "is_pull_request": False,
             "author_login": "Ada", "created_at": T}  # fmt: skip
    event = {"repo_type": "model", "repo_id": "org/m", "num": 1, "event_id": "e1",
             "event_type": "comment", "author": "ada", "created_at": T}  # fmt: skip
    with PostgresStore(pg_url) as pg, DuckDBStore(connect(file_db)) as one:
        for store in (pg, one):
            store.commit_batch({"github_issues": [issue], "hub_discussion_events": [event]},
                               run_id="t")  # fmt: skip
    suggested = {}
    for db in (file_db, pg_url):
        assert main(["identities", "suggest", "--db", db]) == 0
        suggested[db] = tomllib.loads(capsys.readouterr().out)["person"]
    assert suggested[pg_url] == suggested[file_db]
    assert [p["name"] for p in suggested[pg_url]] == ["Ada"]


def test_build_publishes_where_asked_and_export_reads_it(env, pg_url, capsys):
    assert main(["import-slack", "--db", pg_url, "--project", "p", _export(env / "e.zip")]) == 0
    published = env / "out" / "site.duckdb"
    assert main(["build", "--db", pg_url, "--published", str(published)]) == 0
    err = capsys.readouterr().err
    assert "copied " in err and f"published {published}" in err
    assert not list((env / "out").glob("_onramp_*"))  # the local raw copy is gone
    assert main(["export", "--db", pg_url, "--published", str(published), "--out", "x"]) == 0
    assert (env / "x" / "fct_indicators.parquet").exists()
    with duckdb.connect(str(published), read_only=True) as con:
        months = con.execute(
            "select value from fct_indicators where project = 'p' and "
            "indicator = 'sl_messages' and month = '2025-03'"
        ).fetchall()
    assert months == [(6,)]


def test_published_defaults_beside_data_and_the_environment_names_it(env, pg_url, monkeypatch):
    assert main(["import-slack", "--db", pg_url, "--project", "p", _export(env / "e.zip")]) == 0
    assert main(["build", "--db", pg_url]) == 0
    assert (env / "data" / "onramp.published.duckdb").exists()
    monkeypatch.setenv("ONRAMP_DB", pg_url)
    monkeypatch.setenv("ONRAMP_PUBLISHED", str(env / "elsewhere.duckdb"))
    assert main(["build"]) == 0
    assert (env / "elsewhere.duckdb").exists()
    assert not (env / "data" / "onramp.duckdb").exists()  # a PostgreSQL store makes no raw file


def test_the_demo_wants_a_file(env, pg_url, capsys):
    assert main(["demo", "--no-serve", "--db", pg_url]) == 1
    assert "the demo builds its own DuckDB file" in capsys.readouterr().err


def test_a_password_in_the_url_never_shows(env, pg_url, capsys):
    url = pg_url.replace("postgres@", "postgres:s3cret@").replace("127.0.0.1:", "127.0.0.1:1")
    assert main(["status", "--db", url]) == 1
    err = capsys.readouterr().err
    assert "s3cret" not in err and err.splitlines()[-1].startswith("onramp: postgresql://")
    assert "cannot connect" in err and "Traceback" not in err
