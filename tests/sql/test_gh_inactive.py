"""gh_inactive_contributors (DESIGN.md §4) on hand-built activity: issues, comments, reviews and
commits of two repositories. (The other people indicators: test_contributor_people.py.)"""

from datetime import UTC, datetime

from sqlkit import build_over, project, series, value


def t(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def commit(sha, login, at, repo="o/r"):
    return {"repo": repo, "sha": sha, "author_login": login, "author_name": login,
            "authored_at": at, "provenance": "api"}  # fmt: skip


def opened(number, login, at, repo="o/r"):
    return {"id": number, "repo": repo, "number": number, "is_pull_request": False,
            "author_login": login, "author_association": "NONE", "created_at": at,
            "provenance": "api"}  # fmt: skip


def said(cid, login, at, kind="issue_comment", number=1):
    return {"kind": kind, "id": cid, "repo": "o/s", "number": number, "author_login": login,
            "created_at": at, "provenance": "api"}  # fmt: skip


def test_inactive_contributors_count_in_the_month_of_their_last_activity(tmp_path):
    rows = [
        # alice: 3 activities, last 2023-02-15 -> counts in February 2023
        commit("a1", "alice", t(2023, 1, 10)), commit("a2", "alice", t(2023, 1, 20)),
        commit("a3", "alice", t(2023, 2, 15)),
        # bob: only 2 activities -> never counts
        commit("b1", "bob", t(2023, 2, 1)), commit("b2", "bob", t(2023, 2, 20)),
        # frank: 3, last 2023-07-19 00:00, exactly 180 days before the cut-off -> counts in July
        commit("f1", "frank", t(2023, 7, 1)), commit("f2", "frank", t(2023, 7, 2)),
        commit("f3", "frank", t(2023, 7, 19)),
        # dave: 3, last 2023-08-01, 167 days before the cut-off -> not yet inactive
        commit("d1", "dave", t(2023, 7, 30)), commit("d2", "dave", t(2023, 7, 31)),
        commit("d3", "dave", t(2023, 8, 1)),
        # a bot goes quiet too: never counted
        *[commit(f"x{i}", "dependabot[bot]", t(2023, 2, 1 + i)) for i in range(4)],
        # erin is active up to the data cut-off, 2024-01-15 00:00
        commit("e1", "erin", t(2023, 9, 1)), commit("e2", "erin", t(2024, 1, 1)),
        commit("e3", "erin", t(2024, 1, 15)),
    ]  # fmt: skip
    issues = [opened(1, "carol", t(2023, 3, 1)), opened(2, "carol", t(2023, 3, 5))]
    comments = [
        said(1, "carol", t(2023, 3, 10)),
        said(2, "carol", t(2023, 3, 10, 1), kind="review"),
    ]
    con = build_over(tmp_path, {"github_commits": rows, "github_issues": issues,
                                "github_comments": comments},
                     [project(github_repos=["o/r", "o/s"])])  # fmt: skip
    got = series(con, "p", "gh_inactive_contributors")
    # carol: 4 activities (2 issues, a comment, a review), last in March 2023
    assert {m: v for m, v in got.items() if v} == {"2023-02": 1, "2023-03": 1, "2023-07": 1}
    assert got["2023-08"] == 0 and got["2024-01"] == 0
    assert value(con, "p", "2023-01", "gh_inactive_contributors") == 0
