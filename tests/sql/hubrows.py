"""Small builders of Hub raw rows for the SQL tests (every row states its provenance)."""

from datetime import UTC, datetime


def at(text: str) -> datetime:
    """'2024-03-01' or '2024-03-01T10:30' as a UTC time."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def model(
    repo_id: str,
    created: str | None = "2024-01-01",
    *,
    downloads=0,
    likes=0,
    collected="2024-03-31",
    repo_type="model",
) -> dict:
    return {
        "repo_type": repo_type,
        "repo_id": repo_id,
        "author": repo_id.split("/")[0],
        "created_at": at(created) if created else None,
        "downloads_30d": downloads,
        "likes": likes,
        "collected_at": at(collected),
        "provenance": "api",
    }


def edge(child: str, relation: str, base: str) -> dict:
    return {"child_id": child, "base_id": base, "relation": relation, "provenance": "api"}


def snapshot(repo_id: str, day: str, downloads: int, repo_type="model") -> dict:
    return {
        "repo_type": repo_type,
        "repo_id": repo_id,
        "snapshot_date": at(day).date(),
        "downloads_30d": downloads,
        "likes": 0,
        "provenance": "api",
    }


def member(org: str, user: str) -> dict:
    return {"org": org, "username": user, "provenance": "api"}


def thread(
    repo_id: str,
    num: int,
    author: str,
    created: str,
    *,
    pr=False,
    member_flag=None,
    repo_type="model",
) -> dict:
    return {
        "repo_type": repo_type,
        "repo_id": repo_id,
        "num": num,
        "is_pull_request": pr,
        "author": author,
        "author_is_org_member": member_flag,
        "created_at": at(created),
        "status": "open",
        "provenance": "api",
    }


def event(
    repo_id: str, num: int, event_id: str, author: str, when: str, kind="comment", repo_type="model"
) -> dict:
    return {
        "repo_type": repo_type,
        "repo_id": repo_id,
        "num": num,
        "event_id": event_id,
        "event_type": kind,
        "author": author,
        "created_at": at(when),
        "provenance": "api",
    }


def spine_opener(repo_id: str, day: str, num: int = 999) -> dict[str, list[dict]]:
    """A discussion opened by the org itself: its comment is Hub activity, which starts (or
    extends) the project's month spine (int_project_months)."""
    return {
        "hub_discussions": [thread(repo_id, num, "org", day)],
        "hub_discussion_events": [event(repo_id, num, f"spine{num}", "org", day)],
    }


def merged(*parts: dict[str, list[dict]]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for part in parts:
        for table, rows in part.items():
            out.setdefault(table, []).extend(rows)
    return out
