"""GraphQL nodes -> the REST payload shapes that collectors/github/rows.py reads.

Rows are built by rows.py alone, for both paths, so a fix there (people, bots, ghosts) applies to
both. What GraphQL says differently is translated here:
- an author is an Actor with `__typename`; a bot's login lacks REST's `[bot]` suffix;
- states are upper case, and a merged PR is MERGED where REST says closed;
- a comment's issue or PR is known from its parent, not from a URL;
- `PullRequest.databaseId` is the /pulls id, not the id /issues gives the PR: it is not used. A
  PR's row keeps the issue id the warehouse already holds for (repo, number), else none.
"""

from __future__ import annotations

_TYPES = {"EnterpriseUserAccount": "User"}


def user(actor: dict | None) -> dict | None:
    """REST's `user` object for a GraphQL Actor; None for a deleted account."""
    if not actor:
        return None
    kind = actor.get("__typename") or "User"
    login = actor.get("login")
    if kind == "Bot" and login and not login.endswith("[bot]"):
        login += "[bot]"
    return {"login": login, "type": _TYPES.get(kind, kind)}


def issue(node: dict, *, issue_id: int | None = None) -> dict:
    """An issue or PR as /issues lists it; a PR carries `pull_request.merged_at`."""
    item = {
        "id": node.get("databaseId") if issue_id is None else issue_id,
        "number": node["number"], "title": node.get("title"), "user": user(node.get("author")),
        "author_association": node.get("authorAssociation"),
        "state": "closed" if node.get("state") in ("CLOSED", "MERGED") else "open",
        "created_at": node["createdAt"], "updated_at": node.get("updatedAt"),
        "closed_at": node.get("closedAt"),
        "comments": (node.get("comments") or {}).get("totalCount"),
    }  # fmt: skip
    if "mergedAt" in node:
        # the link is what marks a PR for rows.is_pull_request (2012-era issues carry empty ones)
        item["pull_request"] = {"url": f"pulls/{node['number']}", "merged_at": node.get("mergedAt")}
    return item


def comment(node: dict, number: int, kind: str) -> dict:
    """An issue comment or review comment as the repository-level REST lists give it."""
    url_key = "issue_url" if kind == "issue_comment" else "pull_request_url"
    return {
        "id": node["databaseId"], url_key: f"issues/{number}" if kind == "issue_comment"
        else f"pulls/{number}", "user": user(node.get("author")),
        "author_association": node.get("authorAssociation"), "created_at": node["createdAt"],
        "updated_at": node.get("updatedAt"),
    }  # fmt: skip


def review(node: dict) -> dict:
    """A review as /pulls/{n}/reviews gives it (a pending one has no submitted_at)."""
    return {
        "id": node["databaseId"], "user": user(node.get("author")), "state": node.get("state"),
        "author_association": node.get("authorAssociation"),
        "submitted_at": node.get("submittedAt"),
    }  # fmt: skip
