"""Generated GitHub repositories in the REST API's own list shapes, for the fake server.

Deterministic for a seed; nobody hand-tunes the values. Times are ISO strings with a Z, as GitHub
writes them. An item's updated_at follows its comments and reviews, as on GitHub.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

API = "https://api.github.com"
BODY = "Steps to reproduce: run the evaluation with the default config and compare. " * 3
ASSOCIATIONS = ("MEMBER", "COLLABORATOR", "CONTRIBUTOR", "NONE", "FIRST_TIME_CONTRIBUTOR", "OWNER")
DOMAINS = ("gmail.com", "acme.ai", "uni.edu", "users.noreply.github.com", "lab.org")


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def user(login: str, uid: int) -> dict:
    kind = "Bot" if login.endswith("[bot]") else "User"
    return {
        "login": login, "id": uid, "node_id": f"U_{uid}", "avatar_url": "", "gravatar_id": "",
        "url": f"{API}/users/{login}", "html_url": f"https://github.com/{login}", "type": kind,
        "site_admin": False,
    }  # fmt: skip


@dataclass
class RepoData:
    repo_id: int
    full_name: str
    old_names: list[str] = field(default_factory=list)  # answered with a 301 to /repositories/{id}
    issues: list[dict] = field(default_factory=list)
    issue_comments: list[dict] = field(default_factory=list)
    review_comments: list[dict] = field(default_factory=list)
    reviews: dict[int, list[dict]] = field(default_factory=dict)
    commits: list[dict] = field(default_factory=list)
    releases: list[dict] = field(default_factory=list)
    pulls: list[dict] = field(default_factory=list)  # /pulls items (merge state of closed PRs)
    hidden: set[str] = field(default_factory=set)  # endpoints answered 403 (e.g. {"commits"})

    def meta(self) -> dict:
        owner, name = self.full_name.split("/")
        return {
            "id": self.repo_id, "node_id": f"R_{self.repo_id}", "name": name,
            "full_name": self.full_name, "private": False, "owner": user(owner, self.repo_id + 1),
            "url": f"{API}/repos/{self.full_name}", "fork": False,
            "created_at": "2020-01-01T00:00:00Z", "updated_at": "2024-06-01T00:00:00Z",
            "pushed_at": "2024-06-01T00:00:00Z", "stargazers_count": 1000 + self.repo_id % 97,
            "watchers_count": 1000, "forks_count": 100 + self.repo_id % 13,
            "open_issues_count": sum(1 for i in self.issues if i["state"] == "open"),
            "default_branch": "main", "has_issues": True,
        }  # fmt: skip

    def all_items(self) -> int:
        return len(self.issues) + len(self.issue_comments) + len(self.review_comments)


def generate(full_name: str, repo_id: int, *, items: int, comments: int, seed: int = 0,
             commits: int = 50, releases: int = 3, start: datetime | None = None,
             days: int = 400, leavers: int = 0) -> RepoData:  # fmt: skip
    """A repository with `items` issues+PRs and `comments` issue and review comments in all."""
    rng = random.Random(f"{full_name}-{seed}")
    start = start or datetime(2023, 1, 1, tzinfo=UTC)
    people = [user(f"dev{i}", 1000 + i) for i in range(40)]
    people += [user("dependabot[bot]", 49699333), user("github-actions[bot]", 41898282)]
    association = {p["login"]: ASSOCIATIONS[i % len(ASSOCIATIONS)] for i, p in enumerate(people)}
    repo = RepoData(repo_id, full_name)
    at = lambda: start + timedelta(seconds=rng.randrange(days * 86400))  # noqa: E731
    for number in range(1, items + 1):
        repo.issues.append(_issue(rng, repo, number, rng.choice(people), association, at()))
    prs = [i for i in repo.issues if "pull_request" in i]
    for k in range(comments):
        review = prs and rng.random() < 0.25
        item = rng.choice(prs if review else repo.issues)
        author = item["user"] if rng.random() < 0.15 else rng.choice(people)  # some self-replies
        when = _after(rng, item["created_at"])
        repo_comments = repo.review_comments if review else repo.issue_comments
        cid = repo_id * 10_000_000 + k
        repo_comments.append(_comment(repo, cid, item, author, association, when,
                                      review=bool(review)))  # fmt: skip
        _bump(item, when, counted=not review)  # `comments` counts conversation comments only
    for k, pr in enumerate(prs):
        repo.reviews[pr["number"]] = [
            _review(repo, repo_id * 10_000_000 + comments + k * 10 + j, pr, rng.choice(people),
                    association, _after(rng, pr["created_at"]), pending=rng.random() < 0.1)
            for j in range(rng.randrange(3))
        ]  # fmt: skip
        for r in repo.reviews[pr["number"]]:
            if "submitted_at" in r:
                _bump(pr, r["submitted_at"], counted=False)
    _file_under_reviews(repo, association)
    made = [_commit(rng, repo, k, rng.choice(people), at()) for k in range(commits)]
    for k in range(leavers):  # people who commit a few times early on, then go quiet
        leaver = user(f"leaver{k}", 5000 + k)
        early = lambda: start + timedelta(seconds=rng.randrange(90 * 86400))  # noqa: E731
        for _ in range(rng.randrange(2, 6)):
            made.append(_commit(rng, repo, len(made), leaver, early()))
    repo.commits = sorted(made, key=lambda c: c["commit"]["committer"]["date"], reverse=True)
    repo.releases = [_release(repo, repo_id * 100 + k, people[0], at()) for k in range(releases)]
    repo.releases.sort(key=lambda r: r["created_at"], reverse=True)
    return repo


def _after(rng: random.Random, created: str) -> str:
    return iso(datetime.fromisoformat(created) + timedelta(minutes=rng.randrange(1, 60 * 24 * 20)))


def _bump(item: dict, when: str, *, counted: bool = True) -> None:
    item["updated_at"] = max(item["updated_at"], when)
    item["comments"] = item.get("comments", 0) + counted


def _file_under_reviews(repo: RepoData, association: dict) -> None:
    """On GitHub every review comment belongs to a review: a lone comment makes a COMMENTED review
    of its own. Each comment joins its author's submitted review of the PR, or gets that review."""
    for c in repo.review_comments:
        number = int(c["pull_request_url"].rsplit("/", 1)[1])
        reviews = repo.reviews.setdefault(number, [])
        mine = next((r for r in reviews if r["user"]["login"] == c["user"]["login"]
                     and "submitted_at" in r), None)  # fmt: skip
        if mine is None:
            pr = {"number": number}
            mine = _review(repo, c["id"] + REVIEW_OF_COMMENT, pr, c["user"], association,
                           c["created_at"], pending=False, state="COMMENTED")  # fmt: skip
            reviews.append(mine)
        c["pull_request_review_id"] = mine["id"]


REVIEW_OF_COMMENT = 5_000_000  # id offset of a lone comment's own review (ids stay distinct)


def pull_id(issue: dict) -> int:
    """A PR's /pulls id, which GraphQL calls databaseId: not the id /issues gives it."""
    return issue["id"] + 500_000


def _issue(
    rng, repo: RepoData, number: int, author: dict, association: dict, created: datetime
) -> dict:
    is_pr = rng.random() < 0.4
    closed = rng.random() < 0.6
    closed_at = iso(created + timedelta(hours=rng.randrange(1, 24 * 60))) if closed else None
    item = {
        "url": f"{API}/repos/{repo.full_name}/issues/{number}",
        "repository_url": f"{API}/repos/{repo.full_name}", "id": repo.repo_id * 1_000_000 + number,
        "node_id": f"I_{repo.repo_id}_{number}", "number": number,
        "title": f"{'Add' if is_pr else 'Bug in'} feature {number}", "user": author, "labels": [],
        "state": "closed" if closed else "open",
        "state_reason": ("completed" if closed else None) if not is_pr else None, "locked": False,
        "assignee": None, "assignees": [], "milestone": None, "comments": 0,
        "created_at": iso(created), "updated_at": closed_at or iso(created), "closed_at": closed_at,
        "author_association": association[author["login"]], "active_lock_reason": None,
        "body": BODY, "reactions": {"total_count": 0, "+1": 0, "-1": 0},
        "performed_via_github_app": None,
    }  # fmt: skip
    if is_pr:
        merged = closed_at if closed and rng.random() < 0.7 else None
        item["draft"] = False
        item["pull_request"] = {
            "url": f"{API}/repos/{repo.full_name}/pulls/{number}", "html_url": "", "diff_url": "",
            "patch_url": "", "merged_at": merged,
        }  # fmt: skip
    return item


def _comment(repo, cid, item, author, association, when, *, review: bool) -> dict:
    base = {
        "id": cid, "node_id": f"C_{cid}", "user": author, "created_at": when, "updated_at": when,
        "author_association": association[author["login"]], "body": BODY[:120],
        "reactions": {"total_count": 0}, "html_url": "",
    }  # fmt: skip
    if review:
        return {**base, "url": f"{API}/repos/{repo.full_name}/pulls/comments/{cid}",
                "pull_request_review_id": cid + 1, "diff_hunk": "@@ -1,3 +1,4 @@", "path": "a.py",
                "commit_id": "0" * 40, "line": 3, "side": "RIGHT",
                "pull_request_url": f"{API}/repos/{repo.full_name}/pulls/{item['number']}",
                }  # fmt: skip
    return {**base, "url": f"{API}/repos/{repo.full_name}/issues/comments/{cid}",
            "issue_url": item["url"], "performed_via_github_app": None}  # fmt: skip


def _review(repo, rid, pr, author, association, when, *, pending: bool, state=None) -> dict:
    state = state or ("APPROVED" if rid % 2 else "COMMENTED")
    review = {
        "id": rid, "node_id": f"PRR_{rid}", "user": author, "body": "",
        "state": "PENDING" if pending else state,
        "html_url": "", "pull_request_url": f"{API}/repos/{repo.full_name}/pulls/{pr['number']}",
        "author_association": association[author["login"]], "commit_id": "0" * 40,
    }  # fmt: skip
    if not pending:
        review["submitted_at"] = when
    return review


def _commit(rng, repo: RepoData, k: int, author: dict, when: datetime) -> dict:
    linked = rng.random() < 0.8
    name = author["login"].replace("dev", "Dev ")
    message = f"Fix thing {k} (#{k + 1})" if rng.random() < 0.5 else f"Tidy module {k}"
    sha = f"{repo.repo_id:08x}{k:032x}"
    return {
        "sha": sha, "node_id": f"C_{sha}", "url": f"{API}/repos/{repo.full_name}/commits/{sha}",
        "commit": {
            "author": {"name": name, "email": f"{author['login']}@{DOMAINS[k % len(DOMAINS)]}",
                       "date": iso(when)},
            "committer": {"name": "GitHub", "email": "noreply@github.com", "date": iso(when)},
            "message": message, "comment_count": 0,
        },
        "author": author if linked else None, "committer": user("web-flow", 19864447),
        "parents": [{"sha": "f" * 40}],
    }  # fmt: skip


def _release(repo: RepoData, rid: int, author: dict, when: datetime) -> dict:
    return {
        "url": f"{API}/repos/{repo.full_name}/releases/{rid}", "id": rid,
        "tag_name": f"v{rid % 100}",
        "target_commitish": "main", "name": f"Release {rid % 100}", "draft": False,
        "prerelease": False, "created_at": iso(when), "published_at": iso(when), "author": author,
        "assets": [], "body": BODY[:80],
    }  # fmt: skip


def pages(n: int, per_page: int = 100) -> int:
    """Requests to list n items: an empty list still costs one."""
    return max(1, -(-n // per_page))


def minimum_calls(repo: RepoData) -> int:
    """The fewest requests a complete collection of `repo` can make at 100 items a page:
    1 for the repository, pages of issues+PRs, of issue comments, of review comments, of commits and
    of releases, and one reviews page per PR (REST has no repository-level reviews endpoint)."""
    return (1 + pages(len(repo.issues)) + pages(len(repo.issue_comments))
            + pages(len(repo.review_comments)) + pages(len(repo.commits))
            + pages(len(repo.releases))
            + sum(pages(len(r)) for r in repo.reviews.values()))  # fmt: skip


STREAMS = 6  # repository, issues (with reviews), issue comments, review comments, commits, releases


def graphql_minimum_calls(repo: RepoData) -> int:
    """The fewest requests a complete collection of `repo` can make with GraphQL carrying issues
    and PRs (100 a page, comments and reviews nested) and REST the rest: 1 for the repository,
    pages of issues and of PRs, one more page per extra 100 nested items of any one item, and the
    commits and releases pages."""
    issues = [i for i in repo.issues if "pull_request" not in i]
    said: dict[int, int] = {}
    for c in repo.issue_comments:
        number = int(c["issue_url"].rsplit("/", 1)[1])
        said[number] = said.get(number, 0) + 1
    under: dict[int, int] = {}
    for c in repo.review_comments:
        under[c["pull_request_review_id"]] = under.get(c["pull_request_review_id"], 0) + 1
    extra = lambda n: max(0, pages(n) - 1)  # noqa: E731
    nested = sum(extra(n) for n in said.values()) + sum(extra(n) for n in under.values())
    nested += sum(extra(len(r)) for r in repo.reviews.values())
    return (1 + pages(len(issues)) + pages(len(repo.issues) - len(issues)) + nested
            + pages(len(repo.commits)) + pages(len(repo.releases)))  # fmt: skip


GRAPHQL_STREAMS = 5  # repository, issues, pull requests (GraphQL), commits, releases (REST)
