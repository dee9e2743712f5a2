"""GraphQL points and limits: throttle before the budget runs out, honour secondary limits,
fail with one clear line, and never let the token out."""

from __future__ import annotations

import json

import pytest

from fakes.github_data import generate

TOKEN = "ghp_graphqlSecret000000000000000000000"
SLOW = 60.0


@pytest.fixture
def token(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)


def test_points_nearly_spent_wait_for_the_reset_instead_of_a_refusal(github, warehouse, token):
    repo = generate("o/r", 1, items=900, comments=600)
    server = github(repo, points=100)  # a PR page costs 42 points: not enough for all of them
    refills = []

    def refill_when_asleep(seconds):
        warehouse.sleeps.append(seconds)
        refills.append(server.points.remaining)
        server.points.remaining = server.points.limit

    outcome = warehouse.run(["o/r"], sleep=refill_when_asleep, timeout=SLOW)
    assert outcome.status == "ok", outcome.message
    assert refills and all(left < 42 for left in refills)  # waited only when the next could fail
    assert warehouse.sleeps and all(s > 1000 for s in warehouse.sleeps)  # until the reset
    assert any("GraphQL points nearly spent; waiting" in w for w in warehouse.warnings)
    assert warehouse.count("github_issues") == len(repo.issues)
    assert server.graphql_errors == []


@pytest.mark.parametrize("kind", ["RATE_LIMITED", "RATE_LIMIT"])
def test_exhausted_points_are_waited_for_and_retried(github, warehouse, token, kind):
    server = github(generate("o/r", 1, items=50, comments=40))
    server.points.remaining, server.rate_limited_type = 0, kind

    def refill(seconds):
        warehouse.sleeps.append(seconds)
        server.points.remaining = server.points.limit

    assert warehouse.run(["o/r"], sleep=refill, timeout=SLOW).status == "ok"
    assert len(warehouse.sleeps) == 1
    assert any("GraphQL points exhausted" in w for w in warehouse.warnings)


def test_max_wait_fails_instead_of_waiting_for_points(github, warehouse, token):
    server = github(generate("o/r", 1, items=50, comments=40))
    server.points.remaining = 0
    outcome = warehouse.run(["o/r"], max_wait=10, timeout=SLOW)
    assert outcome.status == "failed" and "--max-wait" in outcome.message
    assert "/graphql" in outcome.message


@pytest.mark.parametrize("kind", ["secondary403", "429"])
def test_secondary_limits_honour_retry_after(github, warehouse, token, kind):
    server = github(generate("o/r", 1, items=50, comments=40))
    server.fail(kind, "/graphql", retry_after=7)
    outcome = warehouse.run(["o/r"], timeout=SLOW)
    assert outcome.status == "ok", outcome.message
    assert 7.0 in warehouse.sleeps
    assert outcome.api_calls == len(server.requests)  # the refused attempt is a call too


def test_server_errors_are_retried_with_backoff_then_given_up(github, warehouse, token):
    server = github(generate("o/r", 1, items=50, comments=40))
    server.fail("502", "/graphql", times=2)
    assert warehouse.run(["o/r"], timeout=SLOW).status == "ok"
    server.fail("502", "/graphql", times=100)
    outcome = warehouse.run(["o/r"], retries=2, full=True, timeout=SLOW)
    # the repository is reported (its other streams' rows are kept), the next would go on
    assert outcome.status == "partial"
    assert "github: POST /graphql: HTTP 502; gave up after 3 attempts" in outcome.message


def test_a_bad_token_fails_with_a_clear_line(github, warehouse, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_wrong")
    github(generate("o/r", 1, items=20, comments=10), token=TOKEN, graphql=True)
    outcome = warehouse.run(["o/r"], timeout=SLOW)
    assert outcome.status == "failed" and "401" in outcome.message and "\n" not in outcome.message


def test_the_token_is_sent_but_never_logged_stored_or_reported(github, warehouse, token, capsys):
    server = github(generate("o/r", 1, items=60, comments=50), token=TOKEN)
    server.fail("502", "/graphql", times=100)
    outcome = warehouse.run(["o/r"], retries=1, timeout=SLOW)
    assert outcome.status == "partial" and "gave up after 2 attempts" in outcome.message
    graph = [r for r in server.requests if r.path == "/graphql"]
    assert graph and all(r.headers.get("authorization") == f"Bearer {TOKEN}" for r in graph)
    everything = [outcome.message, *warehouse.warnings, *capsys.readouterr()]
    for table in ("github_issues", "github_comments", "sync_state", "collection_runs"):
        stored = warehouse.con.execute(f"select * from {table}").fetchall()
        everything += [json.dumps(r, default=str) for r in stored]
    assert not any(TOKEN in text for text in everything)
    assert not any(TOKEN in json.dumps(r.query) for r in server.requests)  # never in a body


def test_a_repository_graphql_cannot_see_is_skipped_with_one_line(github, warehouse, token):
    repo = generate("o/r", 1, items=20, comments=10)
    repo.old_names = []
    server = github(repo)
    assert warehouse.run(["o/r"], timeout=SLOW).status == "ok"
    repo.full_name = "o/elsewhere"  # REST answers by the saved id; GraphQL asks by name
    outcome = warehouse.run(["o/r"], timeout=SLOW)
    assert outcome.status == "ok"
    skipped = [w for w in warehouse.warnings if "skipped" in w]
    assert len(skipped) == 2 and "o/r issues skipped" in skipped[0]
    assert "o/r pull requests skipped" in skipped[1]
    assert server.graphql_errors == []
