"""PR cycle time (DESIGN.md §4, issue 22): gh_pr_time_to_first_review_median_hours and
gh_pr_time_to_merge_median_hours, and reviewer load, equal values worked out by hand, on four
hand-built pull requests collected over REST and over GraphQL from the fake server, then built
and printed by `onramp metrics`.

January 2024, repository o/r:
  PR 1 by alice, opened 01-02 00:00. alice's own review comment at 01:00 (her own: no review);
       bob's conversation comment at 02:00 (not a review); carol's review comment at 05:00: first
       review after 5 h. Merged 01-03 00:00: 24 h.
  PR 2 by bob, opened 01-10 00:00. A bot's review at 03:00 (a bot: no review); alice's review at
       10:00: 10 h. Merged 01-12 00:00: 48 h.
  PR 3 by carol, opened 01-20 00:00. alice's pending review (never submitted: no review yet).
       Still open: in neither median.
  PR 4 by dave, opened 2023-12-31 12:00, merged 2024-01-01 12:00 (24 h, in January), no review.
January: first review median of 5 and 10 = 7.5 h (counting alice's own comment would give 5.5,
bob's conversation comment 6, the bot 4); merge median of 24, 48, 24 = 24 h. December: no
review, no merge: no value (not 0). Reviews of others' PRs in January: carol's (the review her
comment made) and alice's: 2 reviews by 2 reviewers, the top three's share 100 %.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime

import duckdb
import pytest

from core.settings import published_path
from onramp.cli import main

from fakes.github_data import (
    RepoData,
    _comment,
    _file_under_reviews,
    _issue,
    _review,
    iso,
    user,
)

PEOPLE = {n: user(n, 7000 + k) for k, n in enumerate(["alice", "bob", "carol", "dave"])}
BOT = user("dependabot[bot]", 49699333)
ASSOCIATION = {**{n: "CONTRIBUTOR" for n in PEOPLE}, BOT["login"]: "NONE"}


def at(month: int, day: int, hour: int = 0, year: int = 2024) -> str:
    return iso(datetime(year, month, day, hour, tzinfo=UTC))


def _pr(repo: RepoData, number: int, author: str, opened: str, merged: str | None) -> dict:
    item = _issue(random.Random(number), repo, number, PEOPLE[author], ASSOCIATION,
                  datetime.fromisoformat(opened))  # fmt: skip
    item.update(state="closed" if merged else "open", closed_at=merged, state_reason=None,
                updated_at=merged or opened, draft=False)  # fmt: skip
    item["pull_request"] = {
        "url": f"https://api.github.com/repos/{repo.full_name}/pulls/{number}", "html_url": "",
        "diff_url": "", "patch_url": "", "merged_at": merged,
    }  # fmt: skip
    repo.issues.append(item)
    return item


def _said(repo, item, who: dict, when: str, *, review: bool) -> None:
    cid = 300_000 + len(repo.issue_comments) + len(repo.review_comments)
    comment = _comment(repo, cid, item, who, ASSOCIATION, when, review=review)
    (repo.review_comments if review else repo.issue_comments).append(comment)
    item["updated_at"] = max(item["updated_at"], when)
    item["comments"] += not review


def _reviewed(repo, item, who: dict, when: str | None) -> None:
    reviews = repo.reviews.setdefault(item["number"], [])
    rid = 400_000 + 10 * item["number"] + len(reviews)
    reviews.append(_review(repo, rid, item, who, ASSOCIATION, when, pending=when is None,
                           state="APPROVED"))  # fmt: skip
    if when:
        item["updated_at"] = max(item["updated_at"], when)


def hand_built() -> RepoData:
    repo = RepoData(91, "o/r")
    alice, bob, carol, _ = PEOPLE.values()
    pr1 = _pr(repo, 1, "alice", at(1, 2), at(1, 3))
    _said(repo, pr1, alice, at(1, 2, 1), review=True)
    _said(repo, pr1, bob, at(1, 2, 2), review=False)
    _said(repo, pr1, carol, at(1, 2, 5), review=True)
    pr2 = _pr(repo, 2, "bob", at(1, 10), at(1, 12))
    _reviewed(repo, pr2, BOT, at(1, 10, 3))
    _reviewed(repo, pr2, alice, at(1, 10, 10))
    pr3 = _pr(repo, 3, "carol", at(1, 20), None)
    _reviewed(repo, pr3, alice, None)
    _pr(repo, 4, "dave", at(12, 31, 12, year=2023), at(1, 1, 12))
    _file_under_reviews(repo, ASSOCIATION)  # each review comment belongs to a review, as on GitHub
    return repo


def _collect_build(tmp_path, name: str, capsys) -> tuple[dict, list]:
    config = tmp_path / "projects.toml"
    config.write_text(
        '[[project]]\nid = "p"\nname = "P"\norganizational_model = "company"\n'
        'github_repos = ["o/r"]\n'
    )
    db = tmp_path / f"{name}.duckdb"
    common = ["--config", str(config), "--db", str(db)]
    assert main(["collect", "--source", "github", "--no-progress", *common]) == 0
    assert main(["build", *common]) == 0
    capsys.readouterr()
    assert main(["metrics", "--format", "json", "--project", "p", *common]) == 0
    got: dict = {}
    for r in json.loads(capsys.readouterr().out):
        got.setdefault(r["month"], {})[r["indicator"]] = r["value"]
    with duckdb.connect(str(published_path(db)), read_only=True) as con:
        cycle = con.execute(
            "select month, prs_reviewed, prs_merged, reviews, reviewers, reviews_per_reviewer "
            "from fct_pr_cycle_time order by month"
        ).fetchall()
    return got, cycle


def _check(got: dict, cycle: list) -> None:
    jan, dec = got["2024-01"], got["2023-12"]
    assert jan["gh_pr_time_to_first_review_median_hours"] == pytest.approx(7.5)
    assert jan["gh_pr_time_to_merge_median_hours"] == pytest.approx(24)
    assert jan["gh_top_reviewers_share"] == pytest.approx(1)
    assert dec["gh_pr_time_to_first_review_median_hours"] is None
    assert dec["gh_pr_time_to_merge_median_hours"] is None
    assert cycle == [("2023-12", None, None, 0, 0, None), ("2024-01", 2, 3, 2, 2, 1.0)]


def test_pr_cycle_time_over_rest(github, tmp_path, capsys):
    server = github(hand_built())
    got, cycle = _collect_build(tmp_path, "rest", capsys)
    assert not any(r.path == "/graphql" for r in server.requests)
    _check(got, cycle)


def test_pr_cycle_time_over_graphql(github, tmp_path, monkeypatch, capsys):
    server = github(hand_built())
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    got, cycle = _collect_build(tmp_path, "graphql", capsys)
    assert any(r.path == "/graphql" for r in server.requests)
    assert not any("/reviews" in r.path for r in server.requests)  # reviews came over GraphQL
    assert server.graphql_errors == []
    _check(got, cycle)
