"""fct_indicator_ranks' rules, one test each, on hand-built rows with hand-worked answers:
a lower-is-better zero ranks first, a small sample is "too few" and unranked, ties share a rank,
a stale snapshot is never ranked against a fresh one, and a source never collected has no row.

January 2024 is the month ranked (each project also commits in June 2024, the partial cut-off
month, so January is final). Unanswered share (lower is better, catalog min_sample 10):
  a: 10 issues, all answered            -> 0.0   rank 1 (a zero is the best, not "no lead")
  b: 10 issues, 1 unanswered            -> 0.1   rank =2
  c: 10 issues, 1 unanswered            -> 0.1   rank =2 (tied with b)
  d:  3 issues, all answered            -> 0.0   too few (3 < 10): shown, unranked
"""

from datetime import UTC, datetime

import pytest
from hubrows import model, snapshot

from sqlkit import build_over, project


def t(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def issue(repo: str, number: int) -> dict:
    return {
        "id": hash((repo, number)) % 10**9, "repo": repo, "number": number,
        "is_pull_request": False, "author_login": f"{repo}-opener{number}",
        "author_association": "NONE", "is_bot": False, "state": "open",
        "created_at": t(2024, 1, 3), "updated_at": t(2024, 1, 3), "provenance": "api",
    }  # fmt: skip


def reply(repo: str, number: int) -> dict:
    return {"kind": "issue_comment", "id": hash((repo, number, "m")) % 10**9, "repo": repo,
            "number": number, "author_login": "maintainer", "is_bot": False,
            "created_at": t(2024, 1, 3, 4), "provenance": "api"}  # fmt: skip


def commit(repo: str, when: datetime) -> dict:
    return {"repo": repo, "sha": f"{repo}-{when:%Y%m}", "author_login": f"{repo}-dev",
            "authored_at": when, "provenance": "api"}  # fmt: skip


ISSUES = {"a": (10, 0), "b": (10, 1), "c": (10, 1), "d": (3, 0)}  # (issues, unanswered)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    issues, replies, commits = [], [], []
    for name, (n, unanswered) in ISSUES.items():
        repo = f"o/{name}"
        commits += [commit(repo, t(2024, 1, 10)), commit(repo, t(2024, 6, 10))]
        for number in range(1, n + 1):
            issues.append(issue(repo, number))
            if number > unanswered:
                replies.append(reply(repo, number))
    commits.append(commit("o/c", t(2023, 12, 10)))  # c's months start in December 2023
    # downloads snapshots: a's and d's from January 2024, c's from December 2023 (fresh, but
    # older than the others), b's from June 2023 (stale by January)
    hub = {
        "hub_repos": [model("ha/m"), model("hb/m"), model("hc/m"), model("hd/m")],
        "hub_repo_snapshots": [
            snapshot("ha/m", "2024-01-20", 50),
            snapshot("hb/m", "2023-06-20", 900),
            snapshot("hc/m", "2023-12-20", 300),
            snapshot("hd/m", "2024-01-25", 70),
        ],
    }
    rows = {
        "github_commits": commits,
        "github_issues": issues,
        "github_comments": replies,
        **hub,
    }
    projects = [
        project("a", github_repos=["o/a"], hub_authors=["ha"]),
        project("b", github_repos=["o/b"], hub_authors=["hb"]),
        project("c", github_repos=["o/c"], hub_authors=["hc"]),
        project("d", github_repos=["o/d"], hub_authors=["hd"]),
    ]
    return build_over(tmp_path_factory.mktemp("rank-rules"), rows, projects)


def _ranks(con, indicator: str) -> dict[str, tuple]:
    rows = con.execute(
        "select project, value, rank, tied, unranked from fct_indicator_ranks "
        "where scope = 'company' and indicator = ? and month = '2024-01' order by project",
        [indicator],
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_a_lower_is_better_zero_ranks_first(con):
    assert _ranks(con, "gh_unanswered_share")["a"] == (0.0, 1, 1, None)


def test_ties_share_a_rank(con):
    got = _ranks(con, "gh_unanswered_share")
    assert got["b"] == (0.1, 2, 2, None)
    assert got["c"] == (0.1, 2, 2, None)


def test_a_small_sample_is_too_few_and_unranked(con):
    # d's 0 % would lead on 3 issues: it is shown, but not ranked
    assert _ranks(con, "gh_unanswered_share")["d"] == (0.0, None, None, "too few")
    sample = con.execute(
        "select sample_size, min_sample, too_few from fct_indicator_changes "
        "where project = 'd' and indicator = 'gh_unanswered_share' and month = '2024-01'"
    ).fetchone()
    assert sample == (3, 10, True)


def test_snapshots_of_different_dates_are_never_ranked_against_each_other(con):
    got = _ranks(con, "hub_downloads_30d")
    # b's June-2023 snapshot is 215 days old at the end of January 2024 (30 Jun 2023 .. 31 Jan
    # 2024): stale. c's December one is fresh (31 days) but older than a's and d's January ones:
    # only a and d, both of January, are ranked (d's 70 before a's 50)
    assert got["b"] == (900, None, None, "stale")
    assert got["c"] == (300, None, None, "older snapshot")
    assert got["d"] == (70, 1, 1, None)
    assert got["a"] == (50, 2, 1, None)
    age = con.execute(
        "select project, as_of, snapshot_age_days, stale from fct_indicator_changes "
        "where indicator = 'hub_downloads_30d' and month = '2024-01' order by project"
    ).fetchall()
    assert age == [
        ("a", "2024-01-20", 0, False),
        ("b", "2023-06-20", 215, True),
        ("c", "2023-12-20", 31, False),
        ("d", "2024-01-25", 0, False),
    ]


def test_a_source_never_collected_has_no_row(con):
    # no dataset usage was collected for any project: no value at all, not 0
    rows = con.execute(
        "select count(*) from fct_indicators where indicator = 'hub_dataset_reuse_models'"
    ).fetchone()
    assert rows == (0,)
