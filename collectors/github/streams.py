"""The streams of one repository, each a generator of Batches with the cursor to save after them.

Cursor protocol (DESIGN.md §3): a batch's cursor covers only rows committed with or before it. The
ETag that lets the next run skip an unchanged stream is saved only with the stream's last batch, so
a run killed mid-stream re-reads the stream instead of trusting a probe that would answer 304.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from collectors.base import Batch, Cursor, RunContext
from collectors.github import rows
from collectors.github.client import GitHubClient, NotVisible
from collectors.github.paging import keyset_pages, link_pages, probe, since_param
from collectors.github.progress import StreamBar


@dataclass
class RepoRun:
    client: GitHubClient
    ctx: RunContext
    name: str  # as configured: every row keeps it
    repo_id: int | None = None

    @property
    def base(self) -> str:
        return f"/repositories/{self.repo_id}"  # numeric id: never redirects (github.md §8)

    def scope(self, stream: str) -> str:
        return f"{self.name}:{stream}"

    def bar(self, stream: str) -> StreamBar:
        return StreamBar(f"{self.name} {stream}", self.client.stats, enabled=self.ctx.progress)


def repository(run: RepoRun) -> Iterator[Batch]:
    """The repository snapshot; sets `run.repo_id`. A 301 (renamed, transferred) is followed."""
    scope = run.scope("repo")
    saved_id, etag = run.ctx.cursor(scope)
    hops = len(run.client.redirected)
    page = run.client.get(f"/repos/{run.name}", etag=etag if saved_id else None)
    if page.status == 304:
        run.repo_id = int(saved_id)
    else:
        run.repo_id = page.data["id"]
        current = page.data.get("full_name") or run.name
        if current.lower() != run.name.lower():
            run.ctx.warn(f"github: {run.name} is now {current}; rows stay under {run.name}")
        elif len(run.client.redirected) > hops:
            run.ctx.warn(f"github: {run.name} answered with a redirect; followed it")
        yield Batch({"github_repos": [rows.repo_row(run.name, page.data)]},
                    Cursor(scope, str(run.repo_id), page.etag))  # fmt: skip


def issues(run: RepoRun) -> Iterator[Batch]:
    """Issues and PRs, one stream; each page carries the reviews of its PRs updated since last run."""
    scope = run.scope("issues")
    cursor, etag = run.ctx.cursor(scope)
    path, params = f"{run.base}/issues", {"state": "all"}
    head = probe(run.client, path, params, etag)
    if head.status == 304:
        return
    high = cursor
    with run.bar("issues") as bar:
        for items in keyset_pages(run.client, path, params, since_param(cursor)):
            reviews = [r for it in items if _needs_reviews(it, cursor) for r in _reviews(run, it)]
            high = max(high or "", items[-1]["updated_at"])
            bar.advance(len(items))
            yield Batch(
                {"github_issues": [rows.issue_row(run.name, it) for it in items],
                 "github_comments": reviews},
                Cursor(scope, high),
            )  # fmt: skip
    yield Batch({}, Cursor(scope, high, head.etag))


def _needs_reviews(item: dict, cursor: str | None) -> bool:
    """A PR updated after the last run's cursor (a new review bumps the PR's updated_at)."""
    return "pull_request" in item and (cursor is None or item["updated_at"] > cursor)


def _reviews(run: RepoRun, item: dict) -> list[dict]:
    number, found = item["number"], []
    try:
        for page in link_pages(run.client, f"{run.base}/pulls/{number}/reviews", {}):
            found += [r for it in page.data or [] if (r := rows.review_row(run.name, number, it))]
    except NotVisible:
        pass  # the PR's reviews are gone or hidden: nothing to record
    return found


def comments(run: RepoRun, stream: str, endpoint: str, kind: str) -> Iterator[Batch]:
    """Repository-level issue comments or review comments, by update, with `since`."""
    scope = run.scope(stream)
    cursor, etag = run.ctx.cursor(scope)
    path = f"{run.base}/{endpoint}"
    head = probe(run.client, path, {}, etag)
    if head.status == 304:
        return
    high = cursor
    with run.bar(stream) as bar:
        for items in keyset_pages(run.client, path, {}, since_param(cursor)):
            high = max(high or "", items[-1]["updated_at"])
            bar.advance(len(items))
            yield Batch({"github_comments": [rows.comment_row(run.name, kind, it) for it in items]},
                        Cursor(scope, high))  # fmt: skip
    yield Batch({}, Cursor(scope, high, head.etag))


def commits(run: RepoRun) -> Iterator[Batch]:
    """Default-branch commits, newest first: the cursor moves only once the stream is complete."""
    scope = run.scope("commits")
    cursor, etag = run.ctx.cursor(scope)
    since = since_param(cursor)
    high, first_etag = cursor, None
    with run.bar("commits") as bar:
        for page in link_pages(run.client, f"{run.base}/commits", {"since": since} if since else {}, etag):
            if page.status == 304:
                return
            first_etag = first_etag or page.etag
            found = [rows.commit_row(run.name, it) for it in page.data or []]
            dates = [it["commit"]["committer"]["date"] for it in page.data or [] if _committed(it)]
            high = max([high or "", *dates]) or None
            bar.advance(len(found))
            yield Batch({"github_commits": found}, Cursor(scope, cursor))
    yield Batch({}, Cursor(scope, high, first_etag))


def _committed(item: dict) -> bool:
    return bool(((item.get("commit") or {}).get("committer") or {}).get("date"))


def releases(run: RepoRun) -> Iterator[Batch]:
    """Releases, newest first; paging stops once a page reaches the saved cursor's overlap."""
    scope = run.scope("releases")
    cursor, etag = run.ctx.cursor(scope)
    since = since_param(cursor)
    high, first_etag = cursor, None
    with run.bar("releases") as bar:
        for page in link_pages(run.client, f"{run.base}/releases", {}, etag):
            if page.status == 304:
                return
            first_etag = first_etag or page.etag
            items = page.data or []
            high = max([high or "", *(it["created_at"] for it in items if it.get("created_at"))]) or None
            bar.advance(len(items))
            yield Batch({"github_releases": [rows.release_row(run.name, it) for it in items]},
                        Cursor(scope, cursor))  # fmt: skip
            if since and any((it.get("created_at") or "") < since for it in items):
                break
    yield Batch({}, Cursor(scope, high, first_etag))
