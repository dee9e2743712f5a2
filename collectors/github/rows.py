"""GitHub list payloads -> raw-table rows, reading only keys list payloads hold (no per-item GET).

Rows keep the repository name as configured in projects.toml, whatever GitHub calls it now.

People fields arrive in every shape real payloads use: a login string, a user object
(`{login, type, ...}`), an object with a `name` only (GraphQL actors, git authors), `{}` or null for
a deleted account, or GitHub's `ghost` placeholder. `login`, `is_bot` and `author_fields` turn any
of them into the stored login (or None: nobody) and one bot rule, the same on every stream; another
path to the same rows (GraphQL) calls them too. A payload missing a field its table cannot do
without raises `Unstorable`: the stream skips that one record and goes on.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_MERGE_PR = re.compile(r"^Merge pull request #(\d+) from ([A-Za-z0-9-]+)/")
_SQUASH_PR = re.compile(r"\(#(\d+)\)\s*$")


GHOST = "ghost"  # the account GitHub shows in place of a deleted one (id 10137)


class Unstorable(ValueError):
    """A payload lacking what its table needs (a key, a creation time): that record is skipped."""


def ts(value) -> datetime | None:
    """An ISO 8601 time ('2024-01-02T03:04:05Z', '...+02:00') as an aware datetime in UTC; a time
    without an offset is taken as UTC, which is what GitHub means by it."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Unstorable(f"unreadable time {value[:40]!r}") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def required(it: dict, key: str):
    """A field the record cannot be stored without."""
    value = it.get(key) if isinstance(it, dict) else None
    if value is None:
        raise Unstorable(f"no {key}")
    return value


def login(user) -> str | None:
    """The login (or, failing one, the name) of a people field, whatever its shape; None for
    nobody: null, `{}`, or a deleted account (`ghost`)."""
    if isinstance(user, dict):
        user = user.get("login") or user.get("name")
    if not isinstance(user, str) or not user.strip():
        return None
    user = user.strip()
    return None if user.lower() == GHOST else user


def user_type(user) -> str | None:
    """User | Bot | Organization when the payload says (GraphQL says `__typename`)."""
    if not isinstance(user, dict):
        return None
    kind = user.get("type") or user.get("__typename")
    return kind if isinstance(kind, str) else None


def is_bot(user, name: str | None = None) -> bool:
    """DESIGN.md §3: user type Bot, or a login (or git author name) ending in [bot]."""
    who = login(user) or ""
    return (
        user_type(user) == "Bot"
        or who.lower().endswith("[bot]")
        or (name or "").lower().endswith("[bot]")
    )


def author_fields(user) -> dict:
    """author_login, author_type and is_bot of a people field: a deleted account keeps the row,
    authorless (nobody to count, but a comment still answers someone else's item)."""
    who = login(user)
    return {
        "author_login": who,
        "author_type": user_type(user) if who else None,
        "is_bot": is_bot(user),
    }


def _number(url) -> int | None:
    tail = url.rstrip("/").rsplit("/", 1)[-1] if isinstance(url, str) else ""
    return int(tail) if tail.isdigit() else None


def repo_row(repo: str, it: dict) -> dict:
    return {
        "repo": repo, "repo_id": required(it, "id"), "full_name": it.get("full_name"),
        "stars": it.get("stargazers_count"), "forks": it.get("forks_count"),
        "open_issues": it.get("open_issues_count"), "default_branch": it.get("default_branch"),
        "created_at": ts(it.get("created_at")), "pushed_at": ts(it.get("pushed_at")),
        "collected_at": datetime.now(UTC), "provenance": "api",
    }  # fmt: skip


def is_pull_request(it: dict) -> bool:
    """The `pull_request` key marks a PR, but 2012-era issues carry one full of nulls: a PR has a
    link in it (or a merge time)."""
    pr = it.get("pull_request")
    return isinstance(pr, dict) and any(pr.get(k) for k in ("url", "html_url", "merged_at"))


def merge_known(it: dict) -> bool:
    """Whether the issue list says if this PR was merged: older payloads and servers carry no
    `pull_request.merged_at` at all (then the pulls listing tells, or it stays unknown)."""
    return is_pull_request(it) and "merged_at" in (it.get("pull_request") or {})


def issue_row(repo: str, it: dict) -> dict:
    pr = it.get("pull_request") if is_pull_request(it) else None
    return {
        # keyed by (repo, number): GraphQL cannot give a PR's /issues id, so the id may be null
        "id": it.get("id"), "repo": repo, "number": required(it, "number"),
        "is_pull_request": pr is not None, "title": it.get("title"),
        **author_fields(it.get("user")),
        "author_association": it.get("author_association"), "state": it.get("state"),
        "created_at": ts(required(it, "created_at")), "updated_at": ts(it.get("updated_at")),
        "closed_at": ts(it.get("closed_at")), "merged_at": ts((pr or {}).get("merged_at")),
        "merge_known": merge_known(it) if pr is not None else None,
        "comments": it.get("comments"), "provenance": "api",
    }  # fmt: skip


def pull_merge_row(repo: str, it: dict) -> dict:
    """A closed PR's merge state from the pulls listing (`merged_at` null: closed unmerged)."""
    return {
        "repo": repo, "number": required(it, "number"), "merged_at": ts(it.get("merged_at")),
        "closed_at": ts(it.get("closed_at")), "updated_at": ts(it.get("updated_at")),
        "provenance": "api",
    }  # fmt: skip


def comment_row(repo: str, kind: str, it: dict) -> dict:
    """An issue comment (number from issue_url) or a review comment (from pull_request_url)."""
    url = it.get("issue_url") if kind == "issue_comment" else it.get("pull_request_url")
    # 2012-era comments have no issue_url; a review comment's _links still name its PR
    links = (it.get("_links") or {}).get("pull_request") or {}
    number = _number(url) or _number(links.get("href") if isinstance(links, dict) else None)
    if number is None:
        raise Unstorable("no issue or pull request number (issue_url, pull_request_url)")
    return {
        "kind": kind, "id": required(it, "id"), "repo": repo, "number": number,
        **author_fields(it.get("user")),
        "author_association": it.get("author_association"),
        "created_at": ts(required(it, "created_at")),
        "updated_at": ts(it.get("updated_at")), "review_state": None, "provenance": "api",
    }  # fmt: skip


def review_row(repo: str, number: int, it: dict) -> dict | None:
    """A submitted review; a pending one (no submitted_at) is not a response yet: None."""
    submitted = ts(it.get("submitted_at"))
    if submitted is None:
        return None
    return {
        "kind": "review", "id": required(it, "id"), "repo": repo, "number": number,
        **author_fields(it.get("user")),
        "author_association": it.get("author_association"), "created_at": submitted,
        "updated_at": submitted, "review_state": it.get("state"), "provenance": "api",
    }  # fmt: skip


def _domain(email) -> str | None:
    """The domain of an address, never the address itself."""
    if not isinstance(email, str) or "@" not in email:
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
    user, committer_user = it.get("author"), it.get("committer")  # null: email not linked
    pr_number, pr_login = parse_pr(commit.get("message") or "")
    return {
        "repo": repo, "sha": required(it, "sha"), "author_login": login(user),
        "author_name": author.get("name"), "author_email_domain": _domain(author.get("email")),
        "author_noreply_email": _noreply(author.get("email")),
        "committer_login": login(committer_user),
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
        "id": required(it, "id"), "repo": repo, "tag_name": it.get("tag_name"),
        "name": it.get("name"), "author_login": login(it.get("author")),
        "is_draft": it.get("draft"),
        "is_prerelease": it.get("prerelease"), "created_at": ts(it.get("created_at")),
        "published_at": ts(it.get("published_at")), "provenance": "api",
    }  # fmt: skip
