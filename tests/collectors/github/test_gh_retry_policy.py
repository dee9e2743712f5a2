"""GitHub under the one retry policy (core.retry), issue 23: what happened is named with the
source, and each failure is retried or stopped as the policy says.

- GitHub's GraphQL timeout arrives as a 200 (or a 502) with `"data": null` and "Something went
  wrong while executing your query" (a real recorded body, tests/fixtures/real/PROVENANCE.md):
  retried like a 5xx, and once the policy gives up, that repository is reported while the
  project's other repositories are still collected.
- A server without GraphQL that answers 501 instead of 404 falls back to REST
  (test_gh_graphql_fallbacks.py).
- An unreachable GraphQL host stops the source at once, in one line, without sleeping.
"""

from __future__ import annotations

import socket
import time

import pytest

from fakes.github_data import generate

TOKEN = "ghp_retry_policy_test"


@pytest.fixture
def token(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("kind", ["went-wrong", "went-wrong-502"])
def test_a_graphql_timeout_is_retried_and_the_run_goes_on(github, warehouse, token, kind):
    server = github(generate("o/r", 1, items=50, comments=40), token=TOKEN)
    server.fail(kind, "/graphql", times=2)
    outcome = warehouse.run(["o/r"])
    assert outcome.status == "ok", outcome.message
    assert warehouse.sleeps[:2] == [0.001, 0.002]  # the policy's back-off, doubling
    assert warehouse.count("github_issues") == 50
    assert outcome.api_calls == len(server.requests)  # every attempt is a call


def test_a_graphql_timeout_that_persists_fails_its_repository_not_the_others(
    github, warehouse, token
):
    """Issue 23: the 200 timeout was taken for a refused query; the project's whole GitHub
    collection stopped after one request and its other repositories were never asked."""
    a, b = generate("o/a", 1, items=30, comments=20), generate("o/b", 2, items=40, comments=10)
    server = github(a, b, token=TOKEN)
    server.fail("went-wrong", "/graphql", times=5)  # every attempt of o/a's first query
    outcome = warehouse.run(["o/a", "o/b"])
    assert outcome.status == "partial"
    assert outcome.message == (
        "1 repository(s) failed; first: o/a: github: POST /graphql: GitHub timed out on the query "
        '(HTTP 200, "Something went wrong"); gave up after 5 attempts'
    )
    assert sum(r.path == "/graphql" for r in server.requests) >= 5 + 2  # o/b asked too
    assert warehouse.count("github_issues", "repo = 'o/b'") == 40  # o/b collected whole
    assert any(w.startswith("github: o/a not collected: ") for w in warehouse.warnings)


def test_a_graphql_502_with_the_timeout_body_says_so(github, warehouse, token):
    server = github(generate("o/r", 1, items=10, comments=5), token=TOKEN)
    server.fail("went-wrong-502", "/graphql", times=100)
    outcome = warehouse.run(["o/r"], retries=1)
    assert (
        "github: POST /graphql: HTTP 502, GitHub timed out on the query; gave up after 2 attempts"
        in outcome.message
    )


def test_an_unreachable_graphql_host_stops_the_source_at_once(github, warehouse, token,
                                                              monkeypatch):  # fmt: skip
    """Issue 23: GraphQL on an unreachable host made 5 tries and slept before a plain error."""
    github(generate("o/r", 1, items=10, comments=5), token=TOKEN)
    port = _closed_port()
    monkeypatch.setenv("GITHUB_GRAPHQL_URL", f"http://127.0.0.1:{port}/graphql")
    started = time.monotonic()
    outcome = warehouse.run(["o/r", "o/s"])
    assert time.monotonic() - started < 5
    assert outcome.status == "failed" and outcome.unreachable
    assert outcome.message == (
        f"github: 127.0.0.1:{port} unreachable: connection refused (POST /graphql)"
    )
    assert warehouse.sleeps == []
