"""GitHub over GraphQL: issues, PRs, comments, reviews and review comments at 100 items a call.

Used when a token is set (GraphQL needs one) and the server has GraphQL; otherwise the REST streams
run as before, and the reason is said once. Repository, commits and releases stay on REST: they
cost one ETag-conditional call when unchanged, where GraphQL would spend a call and a point.
"""

from __future__ import annotations

from collectors.base import RunContext
from collectors.github.client import GitHubClient
from collectors.github.graphql.client import GraphQLClient, NoGraphQL
from collectors.github.graphql.endpoint import graphql_url
from collectors.github.graphql.streams import issues, pulls
from core.settings import GITHUB_API_URL, env

__all__ = ["NO_TOKEN", "NoGraphQL", "client_for", "say_once", "streams"]

NO_TOKEN = (
    "github: no GITHUB_TOKEN, so collecting over REST (GitHub's GraphQL API needs a token; "
    "REST costs a call per PR for reviews)"
)

_said: set[str] = set()  # what this process has said already: a fallback is said once


def say_once(ctx: RunContext, message: str) -> None:
    if message not in _said:
        _said.add(message)
        ctx.warn(message)


def client_for(rest: GitHubClient, ctx: RunContext) -> GraphQLClient | None:
    """A GraphQL client when a token is set; None (REST, said once) without one."""
    if not env("GITHUB_TOKEN"):
        say_once(ctx, NO_TOKEN)
        return None
    url = graphql_url(env("GITHUB_API_URL", GITHUB_API_URL), env("GITHUB_GRAPHQL_URL"))
    return GraphQLClient(rest, url)


def streams(run, gql: GraphQLClient):
    """(label, batches) of the streams GraphQL carries for one repository."""
    yield "issues", issues(run, gql)
    yield "pull requests", pulls(run, gql)
