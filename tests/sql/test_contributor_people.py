"""gh_active_contributors, gh_new_contributors and contributor_retention on a hand-built history.

person  activity (UTC)                                   first seen
ann     commit 2023-11-05, issue 2024-01-10              2023-11
bob     PR 2023-12-31T23:30-02:00 (= 2024-01-01 01:30Z)  2024-01
cat     comment 2023-12-20, review 2024-01-15            2023-12
dependabot[bot] PR 2024-01-02 (a bot: never counted)

month    active          new          retention (kept / active the month before)
2023-11  {ann}  = 1      ann = 1      null (nobody before)
2023-12  {cat}  = 1      cat = 1      0 / 1 = 0.0
2024-01  {ann, bob, cat} = 3  bob = 1  cat kept: 1 / 1 = 1.0
"""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from sqlkit import build_over, project, series

BRT = timezone(timedelta(hours=-2))


@pytest.fixture
def con(tmp_path):
    def issue(i, login, created, is_pr=False):
        return {
            "id": i,
            "repo": "o/r",
            "number": i,
            "is_pull_request": is_pr,
            "author_login": login,
            "created_at": created,
            "provenance": "api",
        }

    rows = {
        "github_commits": [{"repo": "O/R", "sha": "a1", "author_login": "ann", "provenance": "api",
                            "authored_at": datetime(2023, 11, 5, tzinfo=UTC)}],
        "github_issues": [
            issue(1, "ann", datetime(2024, 1, 10, tzinfo=UTC)),
            issue(2, "bob", datetime(2023, 12, 31, 23, 30, tzinfo=BRT), is_pr=True),
            issue(3, "dependabot[bot]", datetime(2024, 1, 2, tzinfo=UTC), is_pr=True),
        ],
        "github_comments": [
            {"kind": "issue_comment", "id": 10, "repo": "o/r", "number": 1, "author_login": "cat",
             "created_at": datetime(2023, 12, 20, tzinfo=UTC), "provenance": "api"},
            {"kind": "review", "id": 11, "repo": "o/r", "number": 2, "author_login": "cat",
             "created_at": datetime(2024, 1, 15, tzinfo=UTC), "provenance": "api"},
        ],
    }  # fmt: skip
    return build_over(tmp_path, rows, [project(github_repos=["o/r"])])


def test_active_contributors(con):
    assert series(con, "p", "gh_active_contributors") == {"2023-11": 1, "2023-12": 1, "2024-01": 3}


def test_new_contributors_use_first_activity_over_the_whole_history(con):
    assert series(con, "p", "gh_new_contributors") == {"2023-11": 1, "2023-12": 1, "2024-01": 1}


def test_retention(con):
    assert series(con, "p", "contributor_retention") == {
        "2023-11": None,
        "2023-12": 0.0,
        "2024-01": 1.0,
    }


def test_repository_names_match_whatever_their_case(con):
    # the commit was stored as 'O/R' and the registry says 'o/r': ann's commit still counts
    assert series(con, "p", "gh_active_contributors")["2023-11"] == 1
