"""Deleted accounts are nobody for people indicators, yet their comments answer other people's
items; bots are the same on every stream (DESIGN.md §4, issue 9 item 2).

One repository, January 2024 (UTC):
  #1 issue by alice, 10:00; first comment 12:00 by a deleted account (author null): a response
  #2 issue by a deleted account (raw login 'ghost', as older collections stored it), 09:00;
     bob comments 10:00: a response
  #3 PR by Renovate[Bot] (mixed case: still a bot), left out of everything
  commits: carol (login), a commit linked to 'ghost' (its git name 'Dana' is what is left)
Active contributors: alice, bob, carol, git:dana = 4 (no ghost, no null, no bot).
Median time to first response over #1 (2 h) and #2 (1 h): 1.5 h."""

from datetime import UTC, datetime

from sqlkit import build_over, project, value


def t(day, hour) -> datetime:
    return datetime(2024, 1, day, hour, tzinfo=UTC)


def issue(number, login, created, *, pr=False):
    return {
        "id": number,
        "repo": "o/r",
        "number": number,
        "is_pull_request": pr,
        "author_login": login,
        "author_association": "NONE",
        "is_bot": False,
        "state": "open",
        "created_at": created,
        "provenance": "api",
    }


def comment(cid, number, login, at):
    return {
        "kind": "issue_comment",
        "id": cid,
        "repo": "o/r",
        "number": number,
        "author_login": login,
        "is_bot": False,
        "created_at": at,
        "provenance": "api",
    }


def commit(sha, login, name, at):
    return {
        "repo": "o/r",
        "sha": sha,
        "author_login": login,
        "author_name": name,
        "authored_at": at,
        "committed_at": at,
        "is_bot": False,
        "provenance": "api",
    }


def test_deleted_accounts_answer_but_are_nobody(tmp_path):
    rows = {
        "github_issues": [
            issue(1, "alice", t(5, 10)),
            issue(2, "ghost", t(6, 9)),
            issue(3, "Renovate[Bot]", t(7, 9), pr=True),
        ],
        "github_comments": [
            comment(11, 1, None, t(5, 12)),
            comment(12, 2, "bob", t(6, 10)),
            comment(13, 3, "carol", t(7, 10)),
        ],
        "github_commits": [
            commit("a1", "carol", "Carol", t(8, 9)),
            commit("a2", "ghost", "Dana", t(9, 9)),
        ],
    }
    con = build_over(tmp_path, rows, [project("p", github_repos=["o/r"])])
    assert value(con, "p", "2024-01", "gh_active_contributors") == 4
    assert value(con, "p", "2024-01", "gh_new_contributors") == 4
    assert value(con, "p", "2024-01", "gh_ttfr_median_hours") == 1.5
    assert value(con, "p", "2024-01", "gh_unanswered_share") == 0.0
    assert value(con, "p", "2024-01", "gh_prs_opened") == 0
    people = {r[0] for r in con.execute("select person from fct_activity").fetchall()}
    assert people == {"alice", "bob", "carol", "git:dana"}
