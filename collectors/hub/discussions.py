"""Discussions and Hub pull requests of one repository, with their events.

The listing (50 a page) has no update time, so a thread's details are fetched again only when it is
new or its (status, comment count) moved since the last run. 403 "discussions disabled" and 404
"repository gone" leave the repository quietly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collectors.hub import records
from collectors.hub.http import HubHttp, Skipped


@dataclass
class Threads:
    discussions: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)  # num -> "status/comments", to save

    def tables(self) -> dict[str, list[dict]]:
        return {"hub_discussions": self.discussions, "hub_discussion_events": self.events}


def fetch(http: HubHttp, repo_type: str, repo_id: str, seen_before: dict) -> Threads:
    out = Threads()
    base = f"{http.api.endpoint}/api/{repo_type}s/{repo_id}/discussions"
    try:
        items = list(_listing(http, base))
    except Skipped:
        out.seen = dict(seen_before)
        return out
    for item in items:
        num, mark = str(item["num"]), f"{item.get('status')}/{item.get('numComments')}"
        out.seen[num] = mark
        if seen_before.get(num) == mark:
            continue  # unchanged since the last run: no details call
        try:
            row = records.discussion_row(repo_type, repo_id, item)
        except (TypeError, ValueError) as exc:  # a number that is not one: that thread only
            http.ctx.skip(
                "hub_discussions", num, f"/api/{repo_type}s/{repo_id}/discussions", str(exc)
            )
            out.seen.pop(num)
            continue
        try:
            details = http.json(f"{base}/{num}", skip_on=(403, 404))
        except Skipped:
            out.seen.pop(num)
            continue
        details = details if isinstance(details, dict) else {}
        events = records.event_rows(repo_type, repo_id, row["num"], details)
        row["author_is_org_member"] = _opener_is_member(row["author"], details)
        out.discussions.append(row)
        out.events += events
    return out


def _listing(http: HubHttp, base: str):
    page = 0
    while True:
        body = http.json(base, {"p": page}, skip_on=(403, 404))
        items = [i for i in body.get("discussions") or [] if isinstance(i, dict) and "num" in i]
        yield from items
        if not items or body.get("start", 0) + len(items) >= body.get("count", 0):
            return
        page += 1


def _opener_is_member(author: str | None, details: dict) -> bool | None:
    """The opener's org membership, as the Hub flags it on their own events."""
    for event in details.get("events") or []:
        who = event.get("author") or {}
        if isinstance(who, dict) and who.get("name") == author and "isOrgMember" in who:
            return bool(who["isOrgMember"] or who.get("isOwner"))
    return None
