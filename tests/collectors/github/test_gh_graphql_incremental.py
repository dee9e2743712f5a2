"""GraphQL runs killed midway lose and duplicate nothing on re-run; cursors per repository."""

from __future__ import annotations

from functools import partial

import pytest

from collectors.github import collect

from fakes.github_data import generate

SLOW = 60.0


class Killed(BaseException):
    pass


def _killed_after(batches: int, **options):
    def collector(project, ctx):
        for k, batch in enumerate(collect(project, ctx, sleep=lambda s: None, **options)):
            if k == batches:
                raise Killed
            yield batch

    return collector


def _everything_once(warehouse, repo) -> None:
    assert warehouse.keys("github_issues", "number") == sorted(i["number"] for i in repo.issues)
    for kind, attr in (("issue_comment", "issue_comments"), ("review_comment", "review_comments")):
        expected = sorted(c["id"] for c in getattr(repo, attr))
        assert warehouse.keys(f"github_comments where kind = '{kind}'", "id") == expected
    reviews = sorted(v["id"] for rs in repo.reviews.values() for v in rs if "submitted_at" in v)
    assert warehouse.keys("github_comments where kind = 'review'", "id") == reviews


@pytest.mark.parametrize("batches", [1, 4, 7])
def test_a_run_killed_midway_loses_and_duplicates_nothing(github, warehouse, monkeypatch, batches):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    repo = generate("o/r", 5, items=520, comments=500, commits=260)
    github(repo)
    options = {"pages_per_batch": 1, "timeout": SLOW}
    with pytest.raises(Killed):
        warehouse.run(["o/r"], collector=_killed_after(batches, **options))
    outcome = warehouse.run(["o/r"], collector=partial(collect, sleep=lambda s: None, **options))
    assert outcome.status == "ok", outcome.message
    _everything_once(warehouse, repo)


def test_cursors_are_saved_per_repository_and_graphql_stream(github, warehouse, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    a, b = generate("o/a", 1, items=120, comments=100), generate("o/b", 2, items=30, comments=20)
    github(a, b)
    warehouse.run(["o/a", "o/b"], timeout=SLOW)
    scopes = warehouse.keys("sync_state", "scope")
    for name in ("o/a", "o/b"):
        assert {f"{name}:issues.graphql", f"{name}:pulls.graphql"} <= set(scopes)
        assert f"{name}:issue_comments" not in scopes  # REST's comment streams did not run
    newest_pr = max(i["updated_at"] for i in a.issues if "pull_request" in i)
    saved = warehouse.con.execute(
        "select cursor from sync_state where scope = 'o/a:pulls.graphql'"
    ).fetchone()[0]
    assert saved == newest_pr


@pytest.mark.slow
def test_a_collect_process_killed_with_sigkill_loses_and_duplicates_nothing(github, tmp_path):
    """`onramp collect` over GraphQL in its own process, SIGKILLed mid-stream, then re-run."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from onramp.cli import main
    from warehouse.db import connect

    repo = generate("o/r", 14, items=1500, comments=600)
    server = github(repo)
    config = tmp_path / "projects.toml"
    config.write_text('[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
                      'github_repos = ["o/r"]\n')  # fmt: skip
    args = ["collect", "--source", "github", "--no-progress", "--config", str(config),
            "--db", str(tmp_path / "raw.duckdb")]  # fmt: skip
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root), "GITHUB_TOKEN": "ghp_test"}
    child = subprocess.Popen([sys.executable, "-m", "onramp.cli", *args], cwd=root, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    killed = []

    def kill_mid_stream(request):  # the issues' pages are stored by then, the PRs' under way
        pages = sum(r.path == "/graphql" for r in server.requests)
        if pages == 12 and not killed:
            os.kill(child.pid, signal.SIGKILL)
            killed.append(True)

    server.hooks.append(kill_mid_stream)
    assert child.wait(timeout=120) == -signal.SIGKILL
    with connect(tmp_path / "raw.duckdb") as con:
        partial_rows = con.execute("select count(*) from github_issues").fetchone()[0]
    assert 0 < partial_rows < 1500
    os.environ["GITHUB_TOKEN"] = "ghp_test"
    try:
        assert main(args) == 0
    finally:
        del os.environ["GITHUB_TOKEN"]
    with connect(tmp_path / "raw.duckdb") as con:
        numbers = [
            r[0] for r in con.execute("select number from github_issues order by 1").fetchall()
        ]
        said = con.execute("select count(*) from github_comments where kind <> 'review'").fetchone()
    assert numbers == sorted(i["number"] for i in repo.issues)
    assert said[0] == len(repo.issue_comments) + len(repo.review_comments)


def test_items_updated_mid_crawl_are_neither_skipped_nor_doubled(github, warehouse, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    repo = generate("o/r", 8, items=700, comments=300)
    server = github(repo)
    early = sorted(
        (i for i in repo.issues if "pull_request" not in i), key=lambda i: i["updated_at"]
    )
    moved = []

    def update_after_the_first_page(request):  # the first page's newest and an unread one move
        if request.path == "/graphql" and len(moved) == 0 and request.status == 200:
            for item in (early[99], early[150]):
                item["updated_at"], item["title"] = "2031-01-01T00:00:00Z", "moved"
                moved.append(item["number"])
            server.changed()

    server.hooks.append(update_after_the_first_page)
    assert warehouse.run(["o/r"], timeout=SLOW).status == "ok"
    assert warehouse.keys("github_issues", "number") == sorted(i["number"] for i in repo.issues)
    assert warehouse.count("github_issues", "title = 'moved'") == 2
