"""API commits and the demo's git-history commits of the same sha: one commit, the API row wins and
git history fills what the API lacks; an unlinked author is never matched to a login by name."""

from datetime import UTC, datetime

from sqlkit import build_over, project, value


def t(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


JAN_10 = t(2024, 1, 10)


def row(sha, provenance, *, login=None, name=None, domain=None, at=JAN_10):
    return {"repo": "o/r", "sha": sha, "author_login": login, "author_name": name,
            "author_email_domain": domain, "authored_at": at, "provenance": provenance}  # fmt: skip


ROWS = [
    # a1 in both: the API knows the login, git history knows the email domain
    row("a1", "git-history", name="Alice A", domain="acme.org"),
    row("a1", "api", login="alice", name="Alice A"),
    # a2 only in git history: no login, and a shared name is no proof: 'git:alicea'
    row("a2", "git-history", name="Alice A", domain="acme.org"),
    # b1, b2: Bob never linked: a person of his own, 'git:bobb'
    row("b1", "git-history", name="Bob B", domain="uni.edu"),
    row("b2", "git-history", name="Bob B", domain="uni.edu"),
    # c1 only from the API, on a personal domain
    row("c1", "api", login="carol", name="Carol", domain="gmail.com"),
]


def test_one_commit_per_sha_api_first(tmp_path):
    con = build_over(tmp_path, {"github_commits": ROWS}, [project(github_repos=["o/r"])])
    commits = con.execute(
        "select person, sum(activities) from fct_activity where action = 'commit' "
        "group by person order by 1"
    ).fetchall()
    # a1 counted once, as alice; a2 unlinked; bob unlinked; carol from the API
    assert commits == [("alice", 1), ("carol", 1), ("git:alicea", 1), ("git:bobb", 2)]
    assert value(con, "p", "2024-01", "gh_active_contributors") == 4
    # people: bob 2, then 1 each, of 5: 2 is not more than 2.5, 3 is: two people are needed
    assert value(con, "p", "2024-01", "contributor_absence_factor") == 2
    # organisations: acme.org 2 (a1's domain filled from git history), uni.edu 2; gmail.com is
    # personal and leaves both sides: 2 of 4 is not more than half -> 2
    assert value(con, "p", "2024-01", "elephant_factor") == 2


def test_without_git_history_the_api_row_stands_alone(tmp_path):
    con = build_over(tmp_path, {"github_commits": [r for r in ROWS if r["provenance"] == "api"]},
                     [project(github_repos=["o/r"])])  # fmt: skip
    # a1's domain is unknown to the API: only carol's personal domain is left, no organisation
    assert value(con, "p", "2024-01", "elephant_factor") is None
    # alice 1 and carol 1: exactly half is not more than half -> 2
    assert value(con, "p", "2024-01", "contributor_absence_factor") == 2
