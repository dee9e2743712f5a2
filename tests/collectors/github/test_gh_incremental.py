"""Incremental runs: cursors per (repository, stream), two days of overlap, one call per unchanged
stream, `--full`, and a run killed mid-stream that loses and duplicates nothing on re-run."""

from functools import partial

import pytest

from collectors.github import collect

from fakes.github_data import STREAMS, generate


def test_a_second_run_with_nothing_new_costs_one_call_per_stream_and_changes_no_row(
    github, warehouse
):
    a, b = generate("o/a", 1, items=150, comments=200), generate("o/b", 2, items=40, comments=50)
    server = github(a, b)
    warehouse.run(["o/a", "o/b"])
    before = warehouse.snapshot()
    for _ in range(2):
        seen = len(server.requests)
        outcome = warehouse.run(["o/a", "o/b"])
        assert outcome.status == "ok" and outcome.api_calls == 2 * STREAMS
        assert len(server.requests) - seen == 2 * STREAMS
        assert warehouse.snapshot() == before
    # the last run was all 304s: nothing spent from the rate limit
    assert {r.status for r in server.requests[-2 * STREAMS :]} == {304}


def test_cursors_are_saved_per_repository_and_stream(github, warehouse):
    github(generate("o/a", 1, items=30, comments=30))
    warehouse.run(["o/a"])
    scopes = {
        r[0]
        for r in warehouse.con.execute(
            "select scope from sync_state where source = 'github'"
        ).fetchall()
    }
    assert scopes == {f"o/a:{s}" for s in
                      ("repo", "issues", "issue_comments", "review_comments", "commits",
                       "releases")}  # fmt: skip


def test_new_activity_is_fetched_since_the_cursor_minus_two_days(github, warehouse):
    repo = generate("o/r", 3, items=120, comments=100)
    server = github(repo)
    warehouse.run(["o/r"])
    cursor = warehouse.con.execute(
        "select cursor from sync_state where scope = 'o/r:issues'").fetchone()[0]  # fmt: skip
    newest = max(i["updated_at"] for i in repo.issues)
    assert cursor == newest
    new = dict(repo.issues[0], id=3_999_999, number=999, created_at="2030-01-02T00:00:00Z",
               updated_at="2030-01-02T00:00:00Z", closed_at=None, state="open")  # fmt: skip
    new.pop("pull_request", None)
    repo.issues.append(new)
    server.changed()
    seen = len(server.requests)
    warehouse.run(["o/r"])
    listing = [
        r
        for r in server.requests[seen:]
        if r.path.endswith("/issues") and r.query["direction"] == "asc"
    ]
    # newest was e.g. 2024-02-05T10:00:00Z: since is two days earlier, in UTC with a Z
    day, time_ = newest[:10], newest[10:]
    assert [r.query["since"] for r in listing] == [_minus_two_days(day) + time_]
    assert warehouse.count("github_issues", "number = 999") == 1


def _minus_two_days(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) - timedelta(days=2)).isoformat()


def test_full_ignores_cursors(github, warehouse):
    repo = generate("o/r", 4, items=50, comments=60)
    server = github(repo)
    first = warehouse.run(["o/r"])
    seen = len(server.requests)
    again = warehouse.run(["o/r"], full=True)
    assert again.api_calls == first.api_calls
    assert all("since" not in r.query for r in server.requests[seen:])
    assert all("if-none-match" not in r.headers for r in server.requests[seen:])


class Killed(KeyboardInterrupt):
    pass


def _killed_after(batches: int, **options):
    """A collector that dies (as on Ctrl-C) after yielding `batches` batches."""

    def collector(project, ctx):
        for k, batch in enumerate(collect(project, ctx, sleep=lambda s: None, **options)):
            if k == batches:
                raise Killed
            yield batch

    return collector


@pytest.mark.parametrize("batches", [1, 3, 6])
def test_a_run_killed_mid_stream_loses_and_duplicates_nothing(github, warehouse, batches):
    repo = generate("o/r", 5, items=420, comments=500, commits=260)
    server = github(repo)
    with pytest.raises(Killed):
        warehouse.run(["o/r"], collector=_killed_after(batches, pages_per_batch=1))
    outcome = warehouse.run(
        ["o/r"], collector=partial(collect, sleep=lambda s: None, pages_per_batch=1)
    )
    assert outcome.status == "ok", outcome.message
    assert warehouse.keys("github_issues", "id") == sorted(i["id"] for i in repo.issues)
    comments = sorted(c["id"] for c in repo.issue_comments)
    assert warehouse.keys("github_comments where kind = 'issue_comment'", "id") == comments
    assert warehouse.keys("github_commits", "sha") == sorted(c["sha"] for c in repo.commits)
    reviews = sorted(v["id"] for rs in repo.reviews.values() for v in rs if "submitted_at" in v)
    assert warehouse.keys("github_comments where kind = 'review'", "id") == reviews
    # and the run after that has nothing left to do
    seen = len(server.requests)
    warehouse.run(["o/r"])
    assert len(server.requests) - seen == STREAMS


def test_a_failed_stream_keeps_its_committed_pages_and_resumes(github, warehouse):
    repo = generate("o/r", 6, items=350, comments=0)
    server = github(repo)
    server.fail("502", "/issues", times=1000)
    server.faults[-1].times = 0  # armed below, after the first page

    def arm(request):
        if request.path.endswith("/issues") and request.query.get("direction") == "asc":
            server.faults[-1].times = 1000
            server.hooks.clear()

    server.hooks.append(arm)
    failed = warehouse.run(
        ["o/r"], collector=partial(collect, sleep=lambda s: None, pages_per_batch=1)
    )
    assert failed.status == "partial" and "/repositories/6/issues" in failed.message
    assert warehouse.count("github_issues") == 100
    server.faults.clear()
    warehouse.run(["o/r"])
    assert warehouse.keys("github_issues", "id") == sorted(i["id"] for i in repo.issues)


@pytest.mark.slow
def test_a_collect_process_killed_with_sigkill_loses_and_duplicates_nothing(github, tmp_path):
    """The real thing: `onramp collect` in its own process, SIGKILLed mid-stream, then re-run."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from onramp.cli import main
    from warehouse.db import connect

    repo = generate("o/r", 14, items=900, comments=300)
    server = github(repo)
    config = tmp_path / "projects.toml"
    config.write_text('[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
                      'github_repos = ["o/r"]\n')  # fmt: skip
    args = ["collect", "--source", "github", "--no-progress", "--config", str(config),
            "--db", str(tmp_path / "raw.duckdb")]  # fmt: skip
    root = Path(__file__).resolve().parents[3]
    child = subprocess.Popen([sys.executable, "-m", "onramp.cli", *args], cwd=root,
                             env={**os.environ, "PYTHONPATH": str(root)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    killed = []

    def kill_mid_stream(request):  # 5 issue pages and their ~200 review calls are stored by then
        if len(server.requests) == 300 and not killed:
            os.kill(child.pid, signal.SIGKILL)
            killed.append(True)

    server.hooks.append(kill_mid_stream)
    assert child.wait(timeout=60) == -signal.SIGKILL
    with connect(tmp_path / "raw.duckdb") as con:
        partial_rows = con.execute("select count(*) from github_issues").fetchone()[0]
    assert 0 < partial_rows < 900
    assert main(args) == 0
    with connect(tmp_path / "raw.duckdb") as con:
        ids = [r[0] for r in con.execute("select id from github_issues order by id").fetchall()]
        said = con.execute("select count(*) from github_comments where kind <> 'review'").fetchone()
    assert ids == sorted(i["id"] for i in repo.issues)
    assert said[0] == len(repo.issue_comments) + len(repo.review_comments)
