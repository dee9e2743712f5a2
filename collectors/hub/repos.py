"""Repositories of one Hub author, listed newest-modified first.

The first listing of a UTC day is complete: downloads and likes move without touching lastModified,
so every repository gets its daily snapshot row. Later listings that day stop at the saved
lastModified watermark: an unchanged author costs one call per repository type.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from collectors.hub import records
from collectors.hub.http import HubHttp, Skipped


@dataclass
class Listing:
    repo_type: str
    rows: list[dict]  # hub_repos rows, newest-modified first
    complete: bool  # every repository of the author was listed (first listing of the day)
    watermark: str | None  # lastModified of the newest repository seen, to save


def list_repos(
    http: HubHttp, author: str, repo_type: str, saved: dict, *, now: datetime, page_size: int
) -> Listing:
    """The author's repositories of one type changed since the saved watermark (all of them on
    the first listing of the day)."""
    today = now.date().isoformat()
    stop_at = records.when(saved.get("modified")) if saved.get("day") == today else None
    params = [("author", author), ("sort", "lastModified"), ("limit", str(page_size))]
    params += [("expand", field) for field in records.LIST_EXPAND[repo_type]]
    rows: list[dict] = []
    try:
        for page in http.pages(f"{http.api.endpoint}/api/{repo_type}s", params):
            for item in page:
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    http.ctx.skip("hub_repos", _id(item), f"/api/{repo_type}s", "no repository id")
                    continue
                row = records.repo_row(repo_type, item, now)
                if stop_at and row["last_modified"] and row["last_modified"] <= stop_at:
                    return _listing(repo_type, rows, complete=False, saved=saved)
                rows.append(row)
    except Skipped:
        pass  # an author that vanished lists nothing
    return _listing(repo_type, rows, complete=stop_at is None, saved=saved)


def _listing(repo_type: str, rows: list[dict], *, complete: bool, saved: dict) -> Listing:
    seen = [r["last_modified"] for r in rows if r["last_modified"]]
    newest = max(seen).isoformat() if seen else saved.get("modified")
    return Listing(repo_type, rows, complete, newest)


def snapshots(rows: list[dict], day) -> list[dict]:
    return [records.snapshot_row(row, day) for row in rows]


def _id(item):
    return item.get("_id") if isinstance(item, dict) else None
