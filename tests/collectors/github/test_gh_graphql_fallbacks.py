"""Where GraphQL cannot run, REST runs as before, and the reason is said once."""

from __future__ import annotations

import pytest

from collectors.github import graphql
from collectors.github.graphql.endpoint import graphql_url

from fakes.github_data import generate


@pytest.mark.parametrize(
    ("api", "override", "expected"),
    [
        ("https://api.github.com", None, "https://api.github.com/graphql"),
        ("https://ghe.example.com/api/v3", None, "https://ghe.example.com/api/graphql"),
        ("https://ghe.example.com/api/v3/", None, "https://ghe.example.com/api/graphql"),
        ("http://127.0.0.1:8123", None, "http://127.0.0.1:8123/graphql"),
        ("https://api.github.com", "https://proxy.example/gql", "https://proxy.example/gql"),
    ],
)
def test_the_endpoint_follows_the_rest_base_unless_set(api, override, expected):
    assert graphql_url(api, override) == expected


def test_without_a_token_rest_runs_and_says_so_once(github, warehouse):
    warehouse.said.clear()  # a fresh `onramp collect`
    a, b = generate("o/a", 1, items=40, comments=30), generate("o/b", 2, items=20, comments=10)
    server = github(a, b)
    for _ in range(2):
        assert warehouse.run(["o/a", "o/b"]).status == "ok"
    assert warehouse.warnings == [graphql.NO_TOKEN]
    assert not any(r.path == "/graphql" for r in server.requests)
    assert any(r.path.endswith("/reviews") for r in server.requests)
    assert warehouse.count("github_issues") == 60


@pytest.mark.parametrize("status", [404, 501])  # 501 Not Implemented: issue 23
def test_a_server_without_graphql_falls_back_to_rest_once(github, warehouse, monkeypatch, status):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    a, b = generate("o/a", 1, items=40, comments=30), generate("o/b", 2, items=20, comments=10)
    server = github(a, b, graphql=False)
    server.no_graphql_status = status
    outcome = warehouse.run(["o/a", "o/b"])
    assert outcome.status == "ok", outcome.message
    assert len(warehouse.warnings) == 1 and "no GraphQL API" in warehouse.warnings[0]
    assert f"HTTP {status}" in warehouse.warnings[0] and "REST" in warehouse.warnings[0]
    assert sum(r.path == "/graphql" for r in server.requests) == 1  # asked once, not per repo
    assert warehouse.count("github_issues") == 60
    reviews = sum(1 for r in (a, b) for vs in r.reviews.values() for v in vs if "submitted_at" in v)
    assert warehouse.count("github_comments", "kind = 'review'") == reviews


def test_graphql_url_points_the_collector_elsewhere(github, warehouse, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    server = github(generate("o/r", 1, items=30, comments=20))
    monkeypatch.setenv("GITHUB_GRAPHQL_URL", f"{server.url}/nowhere")
    outcome = warehouse.run(["o/r"])
    assert outcome.status == "ok"
    assert "/nowhere" in {r.path for r in server.requests}
    assert any("no GraphQL API" in w for w in warehouse.warnings)
