"""`onramp demo --no-serve` end to end, then `onramp metrics` on the real EleutherAI history."""

import csv
import io
import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import duckdb
import pyarrow.parquet as pq
import pytest

from onramp.cli import main
from onramp.demo.snapshot import SNAPSHOT_DIR

ELEUTHER = {"EleutherAI/lm-evaluation-harness", "EleutherAI/gpt-neox", "EleutherAI/pythia"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "onramp.duckdb"
    assert main(["demo", "--no-serve", "--db", str(db)]) == 0
    return db


def _metrics(capsys, db, *args):
    capsys.readouterr()
    assert main(["metrics", "--db", str(db), *args]) == 0
    return capsys.readouterr().out


def _absence_factor_from_snapshot(window_end: datetime) -> int:
    """CHAOSS CAF computed in Python straight from the snapshot, independent of the SQL."""
    window_start = window_end - timedelta(days=365)
    counts = Counter(
        # one person per git name's letters and digits (the demo's commits carry no login)
        re.sub(r"[\W_]", "", c["author_name"].strip().lower())
        for c in pq.read_table(SNAPSHOT_DIR / "github_commits.parquet").to_pylist()
        if c["repo"] in ELEUTHER
        and not c["is_bot"]
        and window_start <= c["authored_at"] < window_end
    )
    half, running = sum(counts.values()) / 2, 0
    for k, n in enumerate(sorted(counts.values(), reverse=True), start=1):
        running += n
        if running > half:
            return k
    raise AssertionError("no commits in the window")


def test_metrics_json_for_eleutherai(demo_db, capsys):
    records = json.loads(_metrics(capsys, demo_db, "--project", "eleutherai"))
    assert records and all(
        list(r) == ["project", "month", "indicator", "value", "final", "sample", "as_of"]
        for r in records
    )
    assert {r["project"] for r in records} == {"eleutherai"}
    months = sorted({r["month"] for r in records})
    assert months[0] == "2019-03"  # gpt-neox's first real commit, 2019-03-27
    caf = {
        r["month"]: r["value"] for r in records if r["indicator"] == "contributor_absence_factor"
    }
    # 2024-06: the 365 days ending 2024-07-01, over the three repositories' real commits
    assert caf["2024-06"] == _absence_factor_from_snapshot(datetime(2024, 7, 1, tzinfo=UTC))


def test_metrics_csv_matches_json(demo_db, capsys):
    as_json = json.loads(
        _metrics(capsys, demo_db, "--project", "masakhane", "--indicator", "gh_active_contributors")
    )
    rows = list(
        csv.DictReader(
            io.StringIO(
                _metrics(
                    capsys,
                    demo_db,
                    "--project",
                    "masakhane",
                    "--indicator",
                    "gh_active_contributors",
                    "--format",
                    "csv",
                )
            )
        )
    )
    assert len(rows) == len(as_json) > 12
    assert [float(r["value"]) for r in rows] == [float(r["value"]) for r in as_json]
    assert list(rows[0]) == ["project", "month", "indicator", "value", "final", "sample", "as_of"]
    assert [r["sample"] for r in rows] == [str(r["sample"]).lower() for r in as_json]


def test_metrics_say_sample_and_snapshot_date(demo_db, capsys):
    records = json.loads(_metrics(capsys, demo_db, "--project", "eleutherai"))
    by = {(r["indicator"], r["month"]): r for r in records}
    # commits are real, issues and PRs generated: the flag follows the rows a value rests on
    assert by[("gh_prs_opened", "2024-06")]["sample"] is True
    assert by[("contributor_absence_factor", "2024-06")]["sample"] is False
    # a snapshot total is dated by its snapshot's day (gpt-neox-20b's tree, listed on 7 April
    # 2025); a flow has no as_of
    snapshots = [r for r in records if r["indicator"] == "hub_derivatives_total" and r["value"]]
    assert [(r["month"], r["as_of"]) for r in snapshots] == [("2025-04", "2025-04-07")]
    assert all(r["as_of"] is None for r in records if r["indicator"] == "gh_prs_opened")


def test_a_source_the_demo_did_not_collect_gives_no_row(demo_db, capsys):
    # the demo holds no dataset-usage rows: "models trained on the project's datasets" is not
    # collected, so there is no value at all, never a 0
    assert json.loads(_metrics(capsys, demo_db, "--indicator", "hub_dataset_reuse_models")) == []


def test_new_derivatives_stop_where_the_tree_was_collected(demo_db, capsys):
    # Meta's derivative tree was collected in April 2025: later months were not seen, so they
    # have no value rather than a 0
    records = json.loads(
        _metrics(capsys, demo_db, "--project", "meta-llama", "--indicator", "hub_new_derivatives")
    )
    assert records and max(r["month"] for r in records) == "2025-04"


def test_null_values_are_null(demo_db, capsys):
    records = json.loads(_metrics(capsys, demo_db, "--indicator", "contributor_retention"))
    assert any(r["value"] is None for r in records)  # a first month has nobody "before"


def test_loading_the_snapshot_twice_gives_identical_counts(demo_db, tmp_path):
    def counts(db):
        with duckdb.connect(str(db), read_only=True) as con:
            tables = [
                t
                for (t,) in con.execute(
                    "select table_name from duckdb_tables() where table_name <> 'collection_runs'"
                ).fetchall()
            ]
            return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables}

    first = counts(demo_db)
    assert main(["demo", "--no-serve", "--db", str(demo_db)]) == 0
    assert counts(demo_db) == first
    assert first["github_commits"] == 37921


def test_export_writes_every_mart(demo_db, tmp_path, capsys):
    assert (
        main(["export", "--db", str(demo_db), "--out", str(tmp_path / "out"), "--format", "csv"])
        == 0
    )
    written = sorted(p.stem for p in (tmp_path / "out").iterdir())
    assert "fct_indicators" in written and "dim_projects" in written
    assert all(name.startswith(("fct_", "dim_")) for name in written)


def test_status_after_demo(demo_db, capsys):
    capsys.readouterr()
    assert main(["status", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "demo" in out and "ok" in out


def test_demo_refuses_to_replace_collected_data(tmp_path, capsys):
    db = tmp_path / "onramp.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table collection_runs (run_id varchar, source varchar)")
        con.execute("insert into collection_runs values ('r', 'github')")
    assert main(["demo", "--no-serve", "--db", str(db)]) == 1
    assert "holds collected data" in capsys.readouterr().err


def test_every_published_indicator_is_in_the_catalog(demo_db):
    from core.catalog import load_catalog

    with duckdb.connect(
        str(demo_db).replace(".duckdb", ".published.duckdb"), read_only=True
    ) as con:
        ids = {
            i for (i,) in con.execute("select distinct indicator from fct_indicators").fetchall()
        }
    assert ids and ids <= set(load_catalog())


def test_demo_runs_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no projects.toml here: the demo uses the bundled registry
    assert main(["demo", "--no-serve", "--db", str(tmp_path / "d.duckdb")]) == 0
    assert (tmp_path / "d.published.duckdb").exists()


def test_demo_checks_an_explicit_registry_before_touching_anything(tmp_path, capsys):
    db = tmp_path / "d.duckdb"
    assert main(["demo", "--no-serve", "--db", str(db), "--config", str(tmp_path / "no.toml")]) == 1
    assert "no.toml: project registry not found" in capsys.readouterr().err
    assert not db.exists()


@pytest.mark.parametrize("project", ["bigscience", "masakhane"])
def test_demo_shows_slack_for_the_study_slack_projects(demo_db, capsys, project):
    """The demo's sample Slack export went through import-slack's reader: pseudonymised authors,
    sample provenance, and every sl_* indicator has values, flagged as sample data."""
    records = json.loads(_metrics(capsys, demo_db, "--project", project))
    slack = {r["indicator"] for r in records if r["indicator"].startswith("sl_")}
    assert slack == {
        "sl_messages",
        "sl_active_members",
        "sl_new_speakers",
        "sl_new_speaker_return_rate",
        "sl_thread_ttfr_median_minutes",
    }
    messages = [r["value"] for r in records if r["indicator"] == "sl_messages"]
    assert sum(messages) > 1000
    published = demo_db.with_name("onramp.published.duckdb")
    with duckdb.connect(str(published), read_only=True) as con:
        flags = con.execute(
            "select bool_and(is_sample), count(*) from fct_indicators "
            "where project = ? and indicator like 'sl_%'",
            [project],
        ).fetchone()
    assert flags[0] is True and flags[1] > 12
    with duckdb.connect(str(demo_db), read_only=True) as con:
        rows = con.execute(
            "select distinct m.provenance, length(m.author_pseudonym), p.project "
            "from slack_messages m join slack_channel_projects p using (channel_id) "
            "where m.author_pseudonym is not null and p.project = ?",
            [project],
        ).fetchall()
    assert rows == [("sample", 32, project)]
