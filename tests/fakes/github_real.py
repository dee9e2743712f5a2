"""A repository made of real recorded GitHub payloads (tests/fixtures/real, PROVENANCE.md there),
served by the fake server as its list endpoints would: 2012-2025 shapes side by side."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from fakes.github_data import RepoData

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
REPO = "PyGithub/PyGithub"


def load(name: str):
    return json.loads((REAL / name).read_text(encoding="utf-8"))


def commit(item: dict) -> dict:
    """A compare/PR-commit item in the shape of a /commits list item (the same object)."""
    return {k: item[k] for k in ("sha", "commit", "author", "committer", "parents") if k in item}


def real_repo() -> RepoData:
    issues = [
        load("github_issue_user_ghost.json"),  # #106 by ghost, closed 2013-05-13
        load("github_issue_2012_no_author_association_pr_nulls.json"),  # #28: an issue
        load("github_issue_2012_is_pr_no_url_no_merged_at.json"),  # #32: PR, merge state absent
        load("github_issue_2017_pr_without_merged_at.json"),  # #2: open PR, no merged_at
        load("github_issue_2025_pr_with_merged_at.json"),  # #538: merged 2017-03-25
        load("github_issues_list_2024_pr_merged_at_null.json"),  # #3045: open PR
    ]
    # the one record derived from a real one: the 2012 issue #28 with its creation time gone,
    # as a store refusing a NOT NULL column sees it
    broken = copy.deepcopy(issues[1])
    broken["id"], broken["number"], broken["created_at"] = 4653758, 29, None
    issues.append(broken)
    commits = [
        commit(load(name))
        for name in (
            "github_commit_2011_author_null.json",
            "github_compare_2025_commit_author_null.json",
            "github_compare_commit_author_and_committer_bot.json",
            "github_compare_commit_author_and_committer_null.json",
            "github_compare_commit_author_bot_committer_webflow.json",
            "github_compare_commit_author_null_committer_user.json",
        )
    ] + [commit(c) for c in load("github_pull_commits_dependabot.json")]
    commits.sort(key=lambda c: c["commit"]["committer"]["date"], reverse=True)
    return RepoData(
        repo_id=3544490,
        full_name=REPO,
        issues=issues,
        issue_comments=load("github_issue_comments_2012_no_author_association.json"),
        review_comments=load("github_review_comments_2012_no_author_association.json"),
        reviews={538: load("github_pull_reviews_2018.json")},
        commits=commits,
        releases=[load("github_release_author_null.json")],
        pulls=load("github_pulls_closed_2012_merged_at_head_user_null.json"),
    )
