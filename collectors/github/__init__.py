"""GitHub collector: repositories, issues and PRs, comments, reviews, commits and releases.

`collect(project, ctx)` yields Batches for the raw tables of warehouse/schema/github.sql, repository
by repository and stream by stream, each with the cursor to save once its rows are committed.
Endpoint and token come from GITHUB_API_URL and GITHUB_TOKEN (DESIGN.md §2).

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
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from collectors.base import Batch, RunContext, SourceSkipped
from collectors.github import streams
from collectors.github.client import GitHubClient, NotVisible
from core.registry import Project
from core.settings import GITHUB_API_URL, env

__all__ = ["collect", "make_client"]


def make_client(ctx: RunContext, **options) -> GitHubClient:
    """A client on GITHUB_API_URL with the optional GITHUB_TOKEN; `options` tune waits for tests."""
    return GitHubClient(
        env("GITHUB_API_URL", GITHUB_API_URL), env("GITHUB_TOKEN"),
        stats=ctx.stats, warn=ctx.warn, max_wait=ctx.max_wait, **options,
    )  # fmt: skip


def collect(project: Project, ctx: RunContext, *, sleep: Callable[[float], None] = time.sleep,
            pages_per_batch: int = 5, **options) -> Iterator[Batch]:  # fmt: skip
    if not project.github_repos:
        raise SourceSkipped("no github_repos configured for this project")
    client = make_client(ctx, sleep=sleep, **options)
    for name in project.github_repos:
        yield from _repository(streams.RepoRun(client, ctx, name, pages_per_batch=pages_per_batch))


def _repository(run: streams.RepoRun) -> Iterator[Batch]:
    try:
        yield from streams.repository(run)
    except NotVisible as exc:
        run.ctx.warn(f"github: {run.name} skipped: not found or not visible to the token ({exc})")
        return
    for stream, batches in _streams(run):
        try:
            yield from batches
        except NotVisible as exc:
            run.ctx.warn(f"github: {run.name} {stream} skipped: not visible to the token ({exc})")


def _streams(run: streams.RepoRun):
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
    yield "commits", streams.commits(run)
    yield "releases", streams.releases(run)
