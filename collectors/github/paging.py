"""Paging plumbing: keyset pages for `since` streams, Link pages for the others, ETag probes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from collectors.github.client import GitHubClient, Page

PER_PAGE = 100  # GitHub's maximum
OVERLAP = timedelta(days=2)  # DESIGN.md §3: resume `since` two days before the saved cursor


def since_param(cursor: str | None) -> str | None:
    """`since` for a saved cursor (an ISO time): two days earlier, written in UTC with a Z."""
    if not cursor:
        return None
    moment = datetime.fromisoformat(cursor).astimezone(UTC) - OVERLAP
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def probe(client: GitHubClient, path: str, params: dict, etag: str | None) -> Page:
    """One request for "anything new?": the newest item only, conditional on the saved ETag.

    A 304 means the newest item is unchanged, hence the whole stream (github.md §7).
    """
    query = {**params, "sort": "updated", "direction": "desc", "per_page": 1}
    return client.get(path, query, etag=etag)


def keyset_pages(
    client: GitHubClient, path: str, params: dict, since: str | None
) -> Iterator[tuple[list, bool]]:
    """(items, is last page) sorted by update, ascending, page by page, each item once.

    Pages by `since` = the last item's `updated_at` rather than `page=N`: with offsets, an item
    updated mid-crawl jumps to the end and the next unread one slides onto a page already read
    (github.md §3). Items seen at the boundary timestamp are dropped from the next page; a page
    whose items all share one timestamp falls back to `page=N` at that timestamp.
    """
    boundary: set[int] = set()
    page_no = 1
    while True:
        query = {**params, "sort": "updated", "direction": "asc", "per_page": PER_PAGE}
        if since:
            query["since"] = since
        if page_no > 1:
            query["page"] = page_no
        items = client.get(path, query).data or []
        last_page = len(items) < PER_PAGE
        yield [it for it in items if _id(it) not in boundary or _id(it) is None], last_page
        if last_page:
            return
        last = _updated(items[-1])
        if last is None or last == since:  # (an item without updated_at: page on by number)
            page_no += 1
            boundary.update(_id(it) for it in items)
        else:
            since, page_no = last, 1
            boundary = {_id(it) for it in items if _updated(it) == last}


def _id(item) -> int | None:
    return item.get("id") if isinstance(item, dict) else None


def _updated(item) -> str | None:
    value = item.get("updated_at") if isinstance(item, dict) else None
    return value if isinstance(value, str) else None


def link_pages(
    client: GitHubClient, path: str, params: dict, etag: str | None = None
) -> Iterator[Page]:
    """Pages following `Link: rel="next"` verbatim; the first is conditional on `etag`.

    Yields the first page even when it is a 304 (and then stops), so the caller sees its status.
    """
    page = client.get(path, {**params, "per_page": PER_PAGE}, etag=etag)
    yield page
    while page.status == 200 and page.next_url:
        page = client.get(page.next_url)
        yield page


def grouped(pages: Iterator[tuple[list, bool]], size: int) -> Iterator[tuple[list, bool]]:
    """Pages joined `size` at a time (one transaction each), the last group flagged as such."""
    group, count = [], 0
    for items, last in pages:
        group.extend(items)
        count += 1
        if last or count == size:
            yield group, last
            group, count = [], 0
