"""The streams of one repository, each a generator of Batches with the cursor to save after them.

Cursor protocol (DESIGN.md §3): a batch's cursor covers only rows committed with or before it. The
ETag that lets the next run skip an unchanged stream is saved only with the stream's last batch, so
a run killed mid-stream re-reads the stream instead of trusting a probe that would answer 304.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

from collectors.base import Batch, Cursor, RunContext
from collectors.github import rows
from collectors.github.client import GitHubClient, NotVisible
from collectors.github.paging import grouped, keyset_pages, link_pages, probe, since_param
from collectors.github.progress import StreamBar


@dataclass
class RepoRun:
    client: GitHubClient
    ctx: RunContext
    name: str  # as configured: every row keeps it
    repo_id: int | None = None
    pages_per_batch: int = 5  # pages stored (and the cursor moved) per transaction
    # closed PRs whose merge state the issue list did not give: the pulls listing is read for them
    merge_unknown: int = 0

    @property
    def base(self) -> str:
        return f"/repositories/{self.repo_id}"  # numeric id: never redirects (github.md §8)

    def scope(self, stream: str) -> str:
        return f"{self.name}:{stream}"

    def bar(self, stream: str) -> StreamBar:
        return StreamBar(f"{self.name} {stream}", self.client.stats, enabled=self.ctx.progress)


def built(run: RepoRun, table: str, path: str, build: Callable[[dict], dict | None],
          items: list) -> list[dict]:  # fmt: skip
    """Rows of `items`; one that cannot be built is skipped with a warning and counted, and the
    rest of the page goes on."""
    found = []
    for it in items:
        try:
            row = build(it)
        except (rows.Unstorable, KeyError, TypeError, ValueError, AttributeError) as exc:
            platform_id = it.get("id") or it.get("sha") if isinstance(it, dict) else None
            run.ctx.skip(table, platform_id, path, str(exc) or type(exc).__name__)
            continue
        if row is not None:
            found.append(row)
    return found


def repository(run: RepoRun) -> Iterator[Batch]:
    """The repository snapshot; sets `run.repo_id`. A 301 (renamed, transferred) is followed."""
    scope = run.scope("repo")
    saved_id, etag = run.ctx.cursor(scope)
    hops = len(run.client.redirected)
    # once the numeric id is known, ask by id: a renamed repository then costs no 301 per run
    path = f"/repositories/{saved_id}" if saved_id else f"/repos/{run.name}"
    page = run.client.get(path, etag=etag if saved_id else None)
    if page.status == 304:
        run.repo_id = int(saved_id)
        current = run.name
    else:
        run.repo_id = page.data["id"]
        current = page.data.get("full_name") or run.name
    if current.lower() != run.name.lower():
        run.ctx.warn(f"github: {run.name} is now {current}; rows stay under {run.name}")
    elif len(run.client.redirected) > hops:
        run.ctx.warn(f"github: {run.name} has moved (redirected); rows stay under {run.name}")
    if page.status == 200:
        found = built(run, "github_repos", path, lambda it: rows.repo_row(run.name, it),
                      [page.data])  # fmt: skip
        yield Batch({"github_repos": found}, Cursor(scope, str(run.repo_id), page.etag))


def issues(run: RepoRun) -> Iterator[Batch]:
    """Issues and PRs, one stream; a page carries the reviews of its PRs updated since last run."""
    scope = run.scope("issues")
    cursor, etag = run.ctx.cursor(scope)
    path, params = f"{run.base}/issues", {"state": "all"}
    head = probe(run.client, path, params, etag)
    if head.status == 304:
        return
    high = cursor
    pages = keyset_pages(run.client, path, params, since_param(cursor))
    with run.bar("issues") as bar:
        for items, done in grouped(pages, run.pages_per_batch):
            reviews = [
                r for it in items if _needs_reviews(it, cursor) for r in _reviews(run, it, bar)
            ]
            high = max([high or "", *(_updated(it) for it in items[-1:])]) or None
            bar.advance(len(items))
            found = built(run, "github_issues", path,
                          lambda it: rows.issue_row(run.name, it), items)  # fmt: skip
            run.merge_unknown += sum(
                1 for r in found if r["is_pull_request"] and not r["merge_known"] and r["closed_at"]
            )
            yield Batch(
                {"github_issues": found, "github_comments": reviews},
                Cursor(scope, high, head.etag if done else None),
            )


def _updated(item: dict) -> str:
    value = item.get("updated_at") if isinstance(item, dict) else None
    return value if isinstance(value, str) else ""


def _needs_reviews(item: dict, cursor: str | None) -> bool:
    """A PR updated after the last run's cursor (a new review bumps the PR's updated_at)."""
    return rows.is_pull_request(item) and (cursor is None or _updated(item) > cursor)


def _reviews(run: RepoRun, item: dict, bar: StreamBar) -> list[dict]:
    number, found = item.get("number"), []
    if not isinstance(number, int):
        return found
    bar.advance(0)  # one call per PR: keep the call count moving on the bar
    path = f"{run.base}/pulls/{number}/reviews"
    try:
        for page in link_pages(run.client, path, {}):
            found += built(
                run, "github_comments", path,
                lambda it: rows.review_row(run.name, number, it), page.data or [],
            )  # fmt: skip
    except NotVisible:
        pass  # the PR's reviews are gone or hidden: nothing to record
    return found


def pull_merges(run: RepoRun) -> Iterator[Batch]:
    """Merge state where the issue list gave none (older payloads and servers): closed PRs from
    the pulls listing, by update, newest first, down to the saved cursor's overlap; one page per
    100 PRs, never a call per PR. Nothing is asked when the issue list said it all."""
    if not run.merge_unknown:
        return
    scope = run.scope("pulls")
    cursor, _etag = run.ctx.cursor(scope)
    params = {"state": "closed", "sort": "updated", "direction": "desc"}
    listing = link_pages(run.client, f"{run.base}/pulls", params)
    pages = ((page.data or [], not page.next_url) for page in listing)
    high = cursor
    with run.bar("pulls") as bar:
        for items, done in grouped(_down_to(pages, since_param(cursor), "updated_at"),
                                   run.pages_per_batch):  # fmt: skip
            high = max([high or "", *(d for it in items if (d := _updated(it)))]) or None
            bar.advance(len(items))
            found = built(run, "github_pull_merges", f"{run.base}/pulls",
                          lambda it: rows.pull_merge_row(run.name, it), items)  # fmt: skip
            yield Batch({"github_pull_merges": found}, _final(scope, cursor, high, None, done))


def comments(run: RepoRun, stream: str, endpoint: str, kind: str) -> Iterator[Batch]:
    """Repository-level issue comments or review comments, by update, with `since`."""
    scope = run.scope(stream)
    cursor, etag = run.ctx.cursor(scope)
    path = f"{run.base}/{endpoint}"
    head = probe(run.client, path, {}, etag)
    if head.status == 304:
        return
    high = cursor
    pages = keyset_pages(run.client, path, {}, since_param(cursor))
    with run.bar(stream) as bar:
        for items, done in grouped(pages, run.pages_per_batch):
            high = max([high or "", *(_updated(it) for it in items[-1:])]) or None
            bar.advance(len(items))
            found = built(run, "github_comments", path,
                          lambda it: rows.comment_row(run.name, kind, it), items)  # fmt: skip
            yield Batch(
                {"github_comments": found}, Cursor(scope, high, head.etag if done else None)
            )


def commits(run: RepoRun) -> Iterator[Batch]:
    """Default-branch commits, newest first: the cursor moves only once the stream is complete."""
    scope = run.scope("commits")
    cursor, etag = run.ctx.cursor(scope)
    since = since_param(cursor)
    first, pages = _conditional(run, "commits", {"since": since} if since else {}, etag)
    if first.status == 304:
        return
    high = cursor
    with run.bar("commits") as bar:
        for items, done in grouped(pages, run.pages_per_batch):
            high = max([high or "", *(d for it in items if (d := _committed(it)))]) or None
            bar.advance(len(items))
            found = built(run, "github_commits", f"{run.base}/commits",
                          lambda it: rows.commit_row(run.name, it), items)  # fmt: skip
            yield Batch({"github_commits": found}, _final(scope, cursor, high, first.etag, done))


def _committed(item: dict) -> str | None:
    date = ((item.get("commit") or {}).get("committer") or {}).get("date")
    return date if isinstance(date, str) else None


def releases(run: RepoRun) -> Iterator[Batch]:
    """Releases, newest first; paging stops at the page that reaches the saved cursor's overlap."""
    scope = run.scope("releases")
    cursor, etag = run.ctx.cursor(scope)
    first, pages = _conditional(run, "releases", {}, etag)
    if first.status == 304:
        return
    high = cursor
    with run.bar("releases") as bar:
        for items, done in grouped(
            _down_to(pages, since_param(cursor), "created_at"), run.pages_per_batch
        ):
            created = [d for it in items if isinstance(d := it.get("created_at"), str)]
            high = max([high or "", *created]) or None
            bar.advance(len(items))
            found = built(run, "github_releases", f"{run.base}/releases",
                          lambda it: rows.release_row(run.name, it), items)  # fmt: skip
            yield Batch({"github_releases": found}, _final(scope, cursor, high, first.etag, done))


def _final(
    scope: str, cursor: str | None, high: str | None, etag: str | None, done: bool
) -> Cursor:
    """Newest-first streams: the cursor stays put until the last page is stored."""
    return Cursor(scope, high, etag) if done else Cursor(scope, cursor)


def _conditional(run: RepoRun, endpoint: str, params: dict, etag: str | None):
    """(first page, every page's items): the first page conditional on the saved ETag."""
    listing = link_pages(run.client, f"{run.base}/{endpoint}", params, etag)
    first = next(listing)
    rest = ((page.data or [], not page.next_url) for page in listing)
    return first, chain([(first.data or [], not first.next_url)], rest)


def _down_to(
    pages: Iterator[tuple[list, bool]], since: str | None, field: str
) -> Iterator[tuple[list, bool]]:
    """Newest-first pages down to the first that reaches `since` on `field`."""
    for items, last in pages:
        reached = bool(since) and any(
            isinstance(it, dict) and (it.get(field) or "") < since for it in items
        )
        yield items, last or reached
        if reached:
            return
