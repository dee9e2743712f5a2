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

__all__ = ["NO_TOKEN", "NoGraphQL", "client_for", "streams"]

NO_TOKEN = (
    "github: no GITHUB_TOKEN, so collecting over REST (GitHub's GraphQL API needs a token; "
    "REST costs a call per PR for reviews)"
)


def client_for(rest: GitHubClient, ctx: RunContext) -> GraphQLClient | None:
    """A GraphQL client when a token is set; None (REST, said once a run) without one."""
    settings = ctx.settings
    if not settings.github_token:
        ctx.say_once(NO_TOKEN)
        return None
    return GraphQLClient(rest, graphql_url(settings.github_api_url, settings.github_graphql_url))


def streams(run, gql: GraphQLClient):
    """(label, batches) of the streams GraphQL carries for one repository."""
    yield "issues", issues(run, gql)
    yield "pull requests", pulls(run, gql)
