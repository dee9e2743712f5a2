"""GitHub collector: repositories, issues and PRs, comments, reviews, commits and releases.

`collect(project, ctx)` yields Batches for the raw tables of warehouse/schema/github.sql, repository
by repository and stream by stream, each with the cursor to save once its rows are committed.
Endpoint and token come from the run's settings: GITHUB_API_URL and GITHUB_TOKEN (DESIGN.md §2).

Six streams per repository (seven where the issue list lacks merged_at), each with its cursor
`<repo>:<stream>` in sync_state:
  repo             GET /repos/{o}/{r} (then /repositories/{id}), conditional on its ETag
  issues           issues+PRs, state=all, by update ascending, `since`; merged_at from the list;
                   each page brings the reviews of its PRs updated since the last run (1 GET/PR)
  pulls            only when the issue list lacked merged_at (older payloads and servers): closed
                   PRs, by update, newest first, down to the saved cursor; 1 call per 100 PRs
  issue_comments   repository-level issue comments, `since`
  review_comments  repository-level review comments, `since`
  commits          default branch, `since`, newest first; conditional on page one's ETag
  releases         newest first, down to the saved cursor; conditional on page one's ETag
A `since` stream first asks for its newest item with the saved ETag: a 304 ends it in one request.
Calls: 100 items a page, one probe per `since` stream, one reviews page per updated PR.

With a token, issues, PRs, comments, reviews and review comments come over GraphQL instead
(collectors/github/graphql: two streams, `<repo>:issues.graphql` and `<repo>:pulls.graphql`, 100
items a call with their comments and reviews nested); without one, or where the server has no
GraphQL (404 or 501), the REST streams above run, and why is said once.

A repository whose requests still fail once the retry policy gives up (5xx, GitHub's timeouts) is
reported and counted, and the next repository goes on; an unreachable host, a rate-limit wait
beyond --max-wait or refused credentials stop the source.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from collectors.base import Batch, RetriesExhausted, RunContext, SourceSkipped
from collectors.github import graphql, streams
from collectors.github.client import GitHubClient, NotVisible
from core.registry import Project

__all__ = ["collect", "make_client"]


def make_client(ctx: RunContext, **options) -> GitHubClient:
    """A client on the settings' GitHub API URL and token; `options` tune waits for tests."""
    settings = ctx.settings
    return GitHubClient(
        settings.github_api_url, settings.github_token, stats=ctx.stats, warn=ctx.warn,
        max_wait=ctx.max_wait, ca_bundle=settings.ca_bundle, **options,
    )  # fmt: skip


def collect(project: Project, ctx: RunContext, *, sleep: Callable[[float], None] = time.sleep,
            pages_per_batch: int = 5, **options) -> Iterator[Batch]:  # fmt: skip
    if not project.github_repos:
        raise SourceSkipped("no github_repos configured for this project")
    client = make_client(ctx, sleep=sleep, **options)
    gql = graphql.client_for(client, ctx)
    ctx.stats.failure_unit = "repository"
    for name in project.github_repos:
        run = streams.RepoRun(client, ctx, name, pages_per_batch=pages_per_batch)
        try:
            gql = yield from _repository(run, gql)
        except RetriesExhausted as exc:  # this repository failed; the next may well not
            ctx.stats.failures.append(f"{name}: {exc}")
            ctx.warn(f"github: {name} not collected: {exc}")


def _repository(run: streams.RepoRun, gql: graphql.GraphQLClient | None):
    """The repository's streams; returns the GraphQL client, or None once the server has none."""
    try:
        yield from streams.repository(run)
    except NotVisible as exc:
        run.ctx.warn(f"github: {run.name} skipped: not found or not visible to the token ({exc})")
        return gql
    if gql is not None:
        try:
            yield from _each(run, graphql.streams(run, gql))
        except graphql.NoGraphQL as exc:
            run.ctx.say_once(f"github: no GraphQL API at {gql.url} ({exc}), so collecting over "
                             "REST")  # fmt: skip
            gql = None
    if gql is None:
        yield from _each(run, _rest_streams(run))
    yield from _each(run, _kept_streams(run))
    return gql


def _each(run: streams.RepoRun, named) -> Iterator[Batch]:
    for stream, batches in named:
        try:
            yield from batches
        except NotVisible as exc:
            run.ctx.warn(f"github: {run.name} {stream} skipped: not visible to the token ({exc})")


def _rest_streams(run: streams.RepoRun):
    yield "issues", streams.issues(run)
    yield "merge state", streams.pull_merges(run)  # only where the issue list lacked merged_at
    yield (
        "issue comments",
        streams.comments(run, "issue_comments", "issues/comments", "issue_comment"),
    )
    yield (
        "review comments",
        streams.comments(run, "review_comments", "pulls/comments", "review_comment"),
    )


def _kept_streams(run: streams.RepoRun):
    """REST either way: one ETag-conditional call when unchanged (GraphQL: a call and a point)."""
    yield "commits", streams.commits(run)
    yield "releases", streams.releases(run)
