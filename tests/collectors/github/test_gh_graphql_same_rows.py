"""One fake dataset collected over REST and over GraphQL: the same raw rows, the same metrics.

The only column GraphQL cannot fill is a PR's /issues id (PullRequest.databaseId is its /pulls id):
a PR first collected over GraphQL has none, and one a REST run stored keeps its id.
"""

from __future__ import annotations

import json

from onramp.cli import main
from warehouse.db import connect

from fakes.github_data import generate

STAMPS = {"run_id", "collected_at"}  # when and by which run a row was written: differ by design
TABLES = ("github_repos", "github_issues", "github_comments", "github_commits", "github_releases")


def _repos():
    repos = [
        generate("llm/train", 31, items=260, comments=700, seed=3, commits=140, leavers=3),
        generate("llm/eval", 32, items=120, comments=260, seed=4, commits=70),
    ]
    train = repos[0]
    pr = next(i for i in train.issues if "pull_request" in i)
    issue = next(i for i in train.issues if "pull_request" not in i)
    _pile_on(train, pr, issue)  # nested lists longer than one page
    return repos


def _pile_on(repo, pr, issue) -> None:
    """An issue with 230 comments, a PR with 45 reviews, one of them with 130 comments."""
    template_comment = next(c for c in repo.issue_comments)
    for k in range(230):
        repo.issue_comments.append({**template_comment, "id": 900_000_000 + k,
                                    "node_id": f"C_x{k}", "issue_url": issue["url"]})  # fmt: skip
    issue["comments"] += 230
    template_review = {**repo.review_comments[0]}
    reviews = repo.reviews.setdefault(pr["number"], [])
    for k in range(45):
        reviews.append({**_submitted(repo), "id": 910_000_000 + k, "node_id": f"PRR_x{k}",
                        "pull_request_url": pr["pull_request"]["url"]})  # fmt: skip
    for k in range(130):
        repo.review_comments.append({**template_review, "id": 920_000_000 + k,
                                     "node_id": f"RC_x{k}", "pull_request_review_id": 910_000_000,
                                     "pull_request_url": pr["pull_request"]["url"]})  # fmt: skip


def _submitted(repo) -> dict:
    return next(r for rs in repo.reviews.values() for r in rs if "submitted_at" in r)


def _collect_build_metrics(tmp_path, name: str) -> tuple[dict, list]:
    config = tmp_path / "projects.toml"
    config.write_text(
        '[[project]]\nid = "llm"\nname = "LLM"\norganizational_model = "company"\n'
        'github_repos = ["llm/train", "llm/eval"]\n'
    )
    common = ["--config", str(config), "--db", str(tmp_path / f"{name}.duckdb")]
    assert main(["collect", "--source", "github", "--no-progress", *common]) == 0
    assert main(["build", *common]) == 0
    return _tables(tmp_path / f"{name}.duckdb"), common


def _tables(path) -> dict:
    with connect(path) as con:
        out = {}
        for table in TABLES:
            cursor = con.execute(f"select * from {table}")
            names = [d[0] for d in cursor.description]
            out[table] = sorted(
                (
                    tuple((n, v) for n, v in zip(names, row, strict=True) if n not in STAMPS)
                    for row in cursor.fetchall()
                ),
                key=repr,
            )
        return out


def _metrics(common, capsys) -> list:
    capsys.readouterr()
    assert main(["metrics", "--format", "json", "--project", "llm", *common]) == 0
    return json.loads(capsys.readouterr().out)


def _without_pr_ids(tables: dict) -> dict:
    issues = [
        tuple((n, None if n == "id" and dict(row)["is_pull_request"] else v) for n, v in row)
        for row in tables["github_issues"]
    ]
    return {**tables, "github_issues": sorted(issues, key=repr)}


def test_rest_and_graphql_store_the_same_rows_and_give_the_same_metrics(
    github, tmp_path, monkeypatch, capsys
):
    server = github(*_repos())
    rest, rest_args = _collect_build_metrics(tmp_path, "rest")
    assert not any(r.path == "/graphql" for r in server.requests)
    rest_metrics = _metrics(rest_args, capsys)

    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    seen = len(server.requests)
    graph, graph_args = _collect_build_metrics(tmp_path, "graphql")
    used = server.requests[seen:]
    assert sum(r.path == "/graphql" for r in used) > 0
    assert not any("/reviews" in r.path or "/comments" in r.path for r in used)
    assert server.graphql_errors == []
    assert _metrics(graph_args, capsys) == rest_metrics
    assert {t: len(rows) for t, rows in graph.items()} == {t: len(r) for t, r in rest.items()}
    assert _without_pr_ids(graph) == _without_pr_ids(rest)
    prs = [dict(row) for row in graph["github_issues"] if dict(row)["is_pull_request"]]
    assert prs and all(pr["id"] is None for pr in prs)  # unknown over GraphQL, never a /pulls id


def test_a_warehouse_collected_over_rest_keeps_its_rows_when_graphql_takes_over(
    github, tmp_path, monkeypatch
):
    github(*_repos())
    rest, common = _collect_build_metrics(tmp_path, "switch")
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    assert main(["collect", "--source", "github", "--no-progress", "--full", *common]) == 0
    assert _tables(tmp_path / "switch.duckdb") == rest  # PR ids included: nothing doubled
    monkeypatch.delenv("GITHUB_TOKEN")
    assert main(["collect", "--source", "github", "--no-progress", "--full", *common]) == 0
    assert _tables(tmp_path / "switch.duckdb") == rest
