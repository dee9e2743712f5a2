"""The fake GraphQL API is as strict as GitHub: schema, pagination bounds, node limit and cost."""

from __future__ import annotations

import pytest

from collectors.github.graphql import queries

from fakes import github_graphql
from fakes.github_data import generate, pull_id
from fakes.github_server import RateLimit

REPO = generate("o/r", 4, items=60, comments=80)


def _ask(query: str, variables: dict | None = None, points: RateLimit | None = None) -> dict:
    points = points or RateLimit(5000, 5000)
    return github_graphql.answer({4: REPO}, {"query": query, "variables": variables or {}},
                                 points, {})  # fmt: skip


@pytest.mark.parametrize(
    ("query", "complaint"),
    [
        ('{ repository(owner: "o", name: "r") { issues(first: 5) { nodes { bogus } } } }',
         "Cannot query field 'bogus'"),
        ('{ repository(owner: "o", name: "r") { issues(frist: 5) { totalCount } } }',
         "Unknown argument 'frist'"),
        ('{ repository(owner: "o", name: "r") { issues(first: 5, orderBy: {field: SIZE, '
         "direction: ASC}) { totalCount } } }", "SIZE"),
        ('{ repository(owner: "o", name: "r") { issues { totalCount } } }',
         "You must provide a `first` or `last`"),
        ('{ repository(owner: "o", name: "r") { issues(first: 101) { totalCount } } }',
         "exceeds the `first` limit of 100"),
        ('{ repository(owner: "o", name: "r") { pullRequests(first: 100) { nodes { '
         "reviews(first: 100) { nodes { comments(first: 100) { totalCount } } } } } } }",
         "exceeds the maximum limit of 500,000"),
    ],
)  # fmt: skip
def test_what_github_would_refuse_is_refused(query, complaint):
    answer = _ask(query)
    assert "data" not in answer and complaint in answer["errors"][0]["message"]


def test_costs_follow_githubs_rule():
    # 1 request for the PRs + 100 for their comments + 100 for their reviews + 100x40 for the
    # reviews' comments = 4,201 requests: 42 points; 414,100 nodes, under the 500,000 limit
    assert github_graphql.cost(_parse(queries.PULLS), {}) == (42, 414_100)
    assert github_graphql.cost(_parse(queries.ISSUES), {}) == (1, 10_100)
    points = RateLimit(5000, 5000)
    answer = _ask(queries.PULLS, {"owner": "o", "name": "r"}, points)
    assert answer["data"]["rateLimit"]["cost"] == 42 and points.remaining == 5000 - 42


def test_every_query_the_collector_sends_is_valid():
    for name in ("ISSUES", "PULLS", "MORE_COMMENTS", "MORE_REVIEWS", "MORE_REVIEW_COMMENTS"):
        variables = {"owner": "o", "name": "r", "id": "PR_4_1"}
        used = {k: v for k, v in variables.items() if f"${k}" in getattr(queries, name)}
        assert "errors" not in _ask(getattr(queries, name), used), name


def test_shapes_are_githubs_not_rests():
    answer = _ask(queries.PULLS, {"owner": "o", "name": "r"})
    prs = answer["data"]["repository"]["pullRequests"]["nodes"]
    listed = {i["number"]: i for i in REPO.issues}
    bots = [p for p in prs if p["author"] and p["author"]["__typename"] == "Bot"]
    assert bots and not any(p["author"]["login"].endswith("[bot]") for p in bots)
    assert {p["state"] for p in prs} <= {"OPEN", "CLOSED", "MERGED"} and "MERGED" in {
        p["state"] for p in prs
    }
    number = prs[0]["number"]
    asked = _ask(
        'query($n: Int!) { repository(owner: "o", name: "r") { pullRequest(number: $n) '
        "{ databaseId } } }",
        {"n": number},
    )
    got = asked["data"]["repository"]["pullRequest"]["databaseId"]
    assert got == pull_id(listed[number]) != listed[number]["id"]  # the /pulls id, not /issues


def test_an_unknown_repository_is_githubs_not_found():
    answer = _ask(queries.ISSUES, {"owner": "o", "name": "missing"})
    assert answer["data"]["repository"] is None
    assert answer["errors"][0]["type"] == "NOT_FOUND"


def _parse(query: str):
    from graphql import parse

    return parse(query)
