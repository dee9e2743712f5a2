"""Many collectors, one warehouse (README, "Scale out"), on a real PostgreSQL and the local fake
GitHub and Hub: `onramp collect` workers run as separate processes, as on separate machines.

- Three shards collect at once; one is killed with SIGKILL mid-run and run again. The metrics built
  from PostgreSQL equal those of one worker collecting the same fake data into a DuckDB file.
- Two workers on the same shard at once: every stream is collected by one of them, the other says
  in one line that it skipped it, and no row is stored twice.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from onramp.cli import main
from onramp.orchestrator import SOURCES as ALL_SOURCES
from onramp.orchestrator import shard_share

from fakes.github_data import generate
from fakes.github_server import FakeGitHub
from fakes.hub_server import FakeHub, serve
from pgserver import wait_until

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = [f"p{i}" for i in range(6)]
SOURCES = ("--source", "github", "--source", "hub")
RAW_TABLES = ("github_issues", "github_comments", "github_commits", "github_releases",
              "github_repos", "hub_repos", "hub_derivatives", "hub_repo_snapshots")  # fmt: skip

pytestmark = pytest.mark.slow


def _registry(path: Path) -> Path:
    blocks = [
        f'[[project]]\nid = "{p}"\nname = "Project {p}"\norganizational_model = "company"\n'
        f'github_repos = ["org{p}/repo"]\nhub_authors = ["org{p}"]\n'
        for p in PROJECTS
    ]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def _hub() -> FakeHub:
    hub = FakeHub()
    for k, p in enumerate(PROJECTS):
        org = f"org{p}"
        hub.members[org] = [f"{org}-member"]
        bases = [f"{org}/model-{i}" for i in range(2)]
        for i, base in enumerate(bases):
            hub.add_model(base, created="2025-01-01", downloads=100 * (k + 1) + i)
        for i in range(4):
            hub.add_model(
                f"user{i % 3}/{p}-child-{i}",
                created=f"2025-0{1 + i}-15",
                parents=[(("finetune", "adapter", "quantized", "merge")[i], bases[i % 2])],
            )
    return hub


@pytest.fixture
def fakes(monkeypatch, request):
    repos = [
        generate(f"org{p}/repo", 100 + k, items=120, comments=240, commits=60, seed=k)
        for k, p in enumerate(PROJECTS)
    ]
    github = FakeGitHub(repos, rate_limit=1_000_000).start()
    # every answer takes a little while, as over a network: a worker is mid-run for seconds
    github.fail("slow", "", times=10**9, delay=getattr(request, "param", 0.02))
    with serve(_hub()) as hub_url:
        env = {"GITHUB_API_URL": github.url, "HF_ENDPOINT": hub_url}
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        yield env
    github.stop()


def _worker(config: Path, db: str, *args: str, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "onramp", "collect", "--no-progress", *SOURCES,
               "--config", str(config), "--db", db, *args]  # fmt: skip
    with log.open("w") as out:
        return subprocess.Popen(command, cwd=config.parent, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip


def _metrics(config: Path, db: str, published: Path, capsys) -> list[dict]:
    common = ["--config", str(config), "--db", db, "--published", str(published)]
    assert main(["build", *common]) == 0
    capsys.readouterr()
    assert main(["metrics", "--format", "json", *common]) == 0
    rows = json.loads(capsys.readouterr().out)
    return sorted(rows, key=lambda r: (r["project"], r["month"], r["indicator"]))


def _counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in RAW_TABLES}


@pytest.mark.timeout(600)
def test_three_shards_one_killed_and_rerun_build_what_one_worker_builds(
    fakes, pg_url, tmp_path, capsys
):
    config = _registry(tmp_path / "projects.toml")

    # one worker into the one-file store: the reference
    file_db = str(tmp_path / "one.duckdb")
    one = _worker(config, file_db, log=tmp_path / "one.log")
    assert one.wait(timeout=240) == 0, (tmp_path / "one.log").read_text()
    expected = _metrics(config, file_db, tmp_path / "one.published.duckdb", capsys)
    assert len(expected) > 100 and any(r["value"] for r in expected)

    workers = {
        i: _worker(config, pg_url, "--shard", f"{i}/3", log=tmp_path / f"shard{i}.log")
        for i in (1, 2, 3)
    }
    # shard 1 is killed once it has committed rows and is in the middle of a stream
    mine = shard_share([(p, s) for p in PROJECTS for s in ALL_SOURCES], (1, 3))
    with psycopg.connect(pg_url, autocommit=True) as conn:

        def shard1_mid_stream() -> bool:
            try:
                rows = conn.execute(
                    "select project, source from collection_runs where status = 'running'"
                ).fetchall()
            except psycopg.errors.UndefinedTable:
                return False  # not migrated yet
            return any(tuple(r) in mine for r in rows) and workers[1].poll() is None

        assert wait_until(shard1_mid_stream, timeout=120, every=0.01)
        workers[1].send_signal(signal.SIGKILL)
    assert workers[1].wait(timeout=30) == -signal.SIGKILL
    for i in (2, 3):
        assert workers[i].wait(timeout=240) == 0, (tmp_path / f"shard{i}.log").read_text()

    with psycopg.connect(pg_url) as conn:
        left_running = conn.execute(
            "select count(*) from collection_runs where status = 'running'"
        ).fetchone()[0]
    assert left_running >= 1  # the killed worker's run, as it left it

    rerun = _worker(config, pg_url, "--shard", "1/3", log=tmp_path / "shard1-rerun.log")
    assert rerun.wait(timeout=240) == 0, (tmp_path / "shard1-rerun.log").read_text()
    with psycopg.connect(pg_url) as conn:
        runs = conn.execute("select status, error from collection_runs").fetchall()
    assert not [r for r in runs if r[0] == "running"]
    assert any(r[0] == "failed" and "killed" in (r[1] or "") for r in runs)

    got = _metrics(config, pg_url, tmp_path / "pg.published.duckdb", capsys)
    assert got == expected


@pytest.mark.timeout(600)
@pytest.mark.parametrize("fakes", [0.04], indirect=True)  # streams long enough to overlap
def test_two_workers_on_one_shard_collect_each_stream_once(fakes, pg_url, tmp_path):
    config = _registry(tmp_path / "projects.toml")
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    workers = [_worker(config, pg_url, "--shard", "1/1", log=log) for log in logs]
    for worker, log in zip(workers, logs, strict=True):
        assert worker.wait(timeout=240) == 0, log.read_text()

    with psycopg.connect(pg_url) as conn:
        runs = conn.execute(
            "select project, source, count(*) from collection_runs "
            "where source in ('github', 'hub') group by 1, 2"
        ).fetchall()
    assert sorted((p, s) for p, s, _ in runs) == sorted(
        (p, s) for p in PROJECTS for s in ("github", "hub")
    )
    assert {n for _, _, n in runs} == {1}, runs  # each stream collected once, by one worker

    texts = [log.read_text() for log in logs]
    for p in PROJECTS:
        for s in ("github", "hub"):
            done = [t for t in texts if f"{p} {s}: ok" in t]
            skipped = [
                line
                for t in texts
                for line in t.splitlines()
                if line.startswith(f"{p} {s}: skipped (another worker")
            ]
            assert (len(done), len(skipped)) == (1, 1), (p, s, texts)

    # no row doubled: the stored rows are what one worker alone stores from the same data
    alone = str(tmp_path / "alone.duckdb")
    worker = _worker(config, alone, log=tmp_path / "alone.log")
    assert worker.wait(timeout=240) == 0
    import duckdb

    with duckdb.connect(alone, read_only=True) as con:
        reference = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in RAW_TABLES}
    assert _counts(pg_url) == reference
