"""fct_contributor_segments: a month's active GitHub contributors split into drive-by (one
contribution ever), repeat, and core (the contributor absence factor's set), worked out by hand."""

from datetime import UTC, datetime

from sqlkit import build_over, project


def _commit(login, m, d, n=0):
    return {"repo": "o/r", "sha": f"{login}-{m}-{d}-{n}", "author_login": login,
            "authored_at": datetime(2025, m, d, tzinfo=UTC), "provenance": "api"}  # fmt: skip


def _pr(number, login, m, d):
    return {"id": number, "repo": "o/r", "number": number, "is_pull_request": True,
            "author_login": login, "author_association": "NONE",
            "created_at": datetime(2025, m, d, tzinfo=UTC), "provenance": "api"}  # fmt: skip


def test_drive_by_repeat_and_core(tmp_path):
    # March: ann commits 4 times (core: 4 of the window's 7 commits, more than half); bob commits
    # in February and March (repeat); cy opens one PR in March and never again (drive-by); dee
    # commits once in March and once in April (repeat, as of the cut-off); a bot is nobody.
    commits = [_commit("ann", 3, d) for d in (1, 2, 3, 4)]
    commits += [_commit("bob", 2, 1), _commit("bob", 3, 5), _commit("dee", 3, 6)]
    commits += [_commit("dee", 4, 1), _commit("dependabot[bot]", 3, 7)]
    rows = {"github_commits": commits, "github_issues": [_pr(1, "cy", 3, 9)]}
    con = build_over(tmp_path, rows, [project(github_repos=["o/r"])])
    got = con.execute(
        "select month, segment, people, is_partial from fct_contributor_segments "
        "where people > 0 order by all"
    ).fetchall()
    assert got == [
        ("2025-02", "core", 1, False),  # bob alone: all of February's window
        ("2025-03", "core", 1, False),
        ("2025-03", "drive_by", 1, False),
        ("2025-03", "repeat", 2, False),
        ("2025-04", "repeat", 1, True),  # dee; April is the cut-off month, not over
    ]
