"""GitHub list payloads -> raw-table rows, reading only keys list payloads hold (no per-item GET).

Rows keep the repository name as configured in projects.toml, whatever GitHub calls it now.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_MERGE_PR = re.compile(r"^Merge pull request #(\d+) from ([A-Za-z0-9-]+)/")
_SQUASH_PR = re.compile(r"\(#(\d+)\)\s*$")


def ts(value: str | None) -> datetime | None:
    """GitHub's ISO 8601 time ('2024-01-02T03:04:05Z') as an aware UTC datetime."""
    return datetime.fromisoformat(value) if value else None


def is_bot(user: dict | None, name: str | None = None) -> bool:
    """DESIGN.md §3: user type Bot, or a login (or git author name) ending in [bot]."""
    login = (user or {}).get("login") or ""
    return (
        (user or {}).get("type") == "Bot"
        or login.endswith("[bot]")
        or (name or "").endswith("[bot]")
    )


def _author(user: dict | None) -> dict:
    user = user or {}  # null for deleted ("ghost") accounts: the row stays, authorless
    return {
        "author_login": user.get("login"),
        "author_type": user.get("type"),
        "is_bot": is_bot(user),
    }


def _number(url: str | None) -> int | None:
    return int(url.rsplit("/", 1)[1]) if url else None


def repo_row(repo: str, it: dict) -> dict:
    return {
        "repo": repo, "repo_id": it["id"], "full_name": it.get("full_name"),
        "stars": it.get("stargazers_count"), "forks": it.get("forks_count"),
        "open_issues": it.get("open_issues_count"), "default_branch": it.get("default_branch"),
        "created_at": ts(it.get("created_at")), "pushed_at": ts(it.get("pushed_at")),
        "collected_at": datetime.now(UTC), "provenance": "api",
    }  # fmt: skip


def issue_row(repo: str, it: dict) -> dict:
    pr = it.get("pull_request")  # key present only on pull requests; carries merged_at
    return {
        "id": it["id"], "repo": repo, "number": it["number"], "is_pull_request": pr is not None,
        "title": it.get("title"), **_author(it.get("user")),
        "author_association": it.get("author_association"), "state": it.get("state"),
        "created_at": ts(it["created_at"]), "updated_at": ts(it.get("updated_at")),
        "closed_at": ts(it.get("closed_at")), "merged_at": ts((pr or {}).get("merged_at")),
        "comments": it.get("comments"), "provenance": "api",
    }  # fmt: skip


def comment_row(repo: str, kind: str, it: dict) -> dict:
    """An issue comment (number from issue_url) or a review comment (from pull_request_url)."""
    url = it.get("issue_url") if kind == "issue_comment" else it.get("pull_request_url")
    return {
        "kind": kind, "id": it["id"], "repo": repo, "number": _number(url),
        **_author(it.get("user")),
        "author_association": it.get("author_association"), "created_at": ts(it["created_at"]),
        "updated_at": ts(it.get("updated_at")), "review_state": None, "provenance": "api",
    }  # fmt: skip


def review_row(repo: str, number: int, it: dict) -> dict | None:
    """A submitted review; a pending one (no submitted_at) is not a response yet: None."""
    submitted = ts(it.get("submitted_at"))
    if submitted is None:
        return None
    return {
        "kind": "review", "id": it["id"], "repo": repo, "number": number, **_author(it.get("user")),
        "author_association": it.get("author_association"), "created_at": submitted,
        "updated_at": submitted, "review_state": it.get("state"), "provenance": "api",
    }  # fmt: skip


def _domain(email: str | None) -> str | None:
    """The domain of an address, never the address itself."""
    if not email or "@" not in email:
        return None
    return email.rsplit("@", 1)[1].strip().lower() or None


def _noreply(email: str | None) -> str | None:
    """A GitHub no-reply address (`ID+login@users.noreply.github.com`) is kept whole: GitHub
    made it to be public, and it names the login even where the commit is linked to none."""
    if not email or not email.strip().lower().endswith("@users.noreply.github.com"):
        return None
    return email.strip().lower()


def commit_row(repo: str, it: dict) -> dict:
    commit = it.get("commit") or {}
    author, committer = commit.get("author") or {}, commit.get("committer") or {}
    user, committer_user = it.get("author") or {}, it.get("committer") or {}
    pr_number, pr_login = parse_pr(commit.get("message") or "")
    return {
        "repo": repo, "sha": it["sha"], "author_login": user.get("login"),
        "author_name": author.get("name"), "author_email_domain": _domain(author.get("email")),
        "author_noreply_email": _noreply(author.get("email")),
        "committer_login": committer_user.get("login"),
        "committer_email_domain": _domain(committer.get("email")),
        "authored_at": ts(author.get("date")), "committed_at": ts(committer.get("date")),
        "is_merge": len(it.get("parents") or ()) > 1, "pr_number": pr_number, "pr_login": pr_login,
        "is_bot": is_bot(user, author.get("name")), "provenance": "api",
    }  # fmt: skip


def parse_pr(message: str) -> tuple[int | None, str | None]:
    """PR number (and author for merge commits) named by a commit message's first line."""
    first = message.split("\n", 1)[0]
    merge = _MERGE_PR.match(first)
    if merge:
        return int(merge.group(1)), merge.group(2)
    squash = _SQUASH_PR.search(first)
    return (int(squash.group(1)), None) if squash else (None, None)


def release_row(repo: str, it: dict) -> dict:
    return {
        "id": it["id"], "repo": repo, "tag_name": it.get("tag_name"), "name": it.get("name"),
        "author_login": (it.get("author") or {}).get("login"), "is_draft": it.get("draft"),
        "is_prerelease": it.get("prerelease"), "created_at": ts(it.get("created_at")),
        "published_at": ts(it.get("published_at")), "provenance": "api",
    }  # fmt: skip
